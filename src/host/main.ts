/**
 * Entry point of the model-host process. Forked by the extension or the CLI; speaks JSON-RPC over the
 * Node IPC channel. Native crashes in ONNX Runtime or libvips end this process, not the editor.
 */
import { createMessageConnection, IPCMessageReader, IPCMessageWriter } from 'vscode-jsonrpc/node';
import { describeError } from '../protocol/errors';
import {
  ConfigureRequest,
  LogNotification,
  PartialNotification,
  RunRequest,
  ShutdownRequest,
  StatsRequest,
  StatusNotification,
  ThumbnailRequest,
  UnloadRequest,
} from '../protocol/messages';
import { toResponseError } from '../protocol/rpcErrors';
import { readFaults } from './faults';
import { ModelHost } from './modelHost';

if (!process.send) {
  process.stderr.write('lunette host: start this through the extension or the CLI (it needs an IPC channel).\n');
  process.exit(2);
}

const connection = createMessageConnection(new IPCMessageReader(process), new IPCMessageWriter(process));

const host = new ModelHost(
  {
    status: (status) => void connection.sendNotification(StatusNotification, status),
    partial: (id, partial) => void connection.sendNotification(PartialNotification, { id, partial }),
    log: (level, message) => void connection.sendNotification(LogNotification, { level, message }),
  },
  readFaults(process.env),
);

connection.onRequest(ConfigureRequest, (config) => {
  try {
    host.configure(config);
  } catch (error) {
    throw toResponseError(error);
  }
});

connection.onRequest(RunRequest, async (params, token) => {
  try {
    return await host.run(params, (listener) => token.onCancellationRequested(listener));
  } catch (error) {
    throw toResponseError(error);
  }
});

connection.onRequest(ThumbnailRequest, async (params) => {
  try {
    return await host.thumbnail(params);
  } catch (error) {
    throw toResponseError(error);
  }
});
connection.onRequest(StatsRequest, () => host.stats());
connection.onRequest(UnloadRequest, () => host.unload('requested'));
connection.onRequest(ShutdownRequest, async () => {
  await host.unload('shutdown');
  setImmediate(() => process.exit(0));
});

// The parent went away (editor closed, CLI killed): nothing is left to serve.
process.on('disconnect', () => process.exit(0));
process.on('uncaughtException', (error) => {
  void connection.sendNotification(LogNotification, { level: 'error', message: `Uncaught: ${describeError(error)}\n${error.stack ?? ''}` });
});
process.on('unhandledRejection', (reason) => {
  void connection.sendNotification(LogNotification, { level: 'error', message: `Unhandled rejection: ${describeError(reason)}` });
});

connection.listen();
void connection.sendNotification(LogNotification, { level: 'info', message: `Model host ${process.pid} started (Node ${process.version})` });
