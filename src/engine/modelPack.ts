/** Finds, reads and verifies a model pack folder before any session is created. */
import { createHash } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { ErrorCode, LunetteError } from '../protocol/errors';
import { type Manifest, validateManifest } from './manifest';

export interface ModelPack {
  dir: string;
  manifest: Manifest;
  /** Absolute path of a file the manifest lists. */
  file(name: string): string;
}

export interface LoadPackOptions {
  /** Hash every file (the default). Tests of other layers may skip it for speed. */
  verifyHashes?: boolean;
}

export async function loadModelPack(dir: string, options: LoadPackOptions = {}): Promise<ModelPack> {
  const root = path.resolve(dir);
  const manifestPath = path.join(root, 'manifest.json');
  let text: string;
  try {
    text = await fs.readFile(manifestPath, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'is missing' : `cannot be read (${(error as Error).message})`;
    throw new LunetteError(ErrorCode.ModelInvalid, `Model pack ${root}: manifest.json ${reason}.`, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new LunetteError(ErrorCode.ModelInvalid, `Model pack ${root}: manifest.json is not valid JSON (${(error as Error).message}).`);
  }
  const problems = validateManifest(json);
  if (problems.length > 0) {
    throw new LunetteError(ErrorCode.ModelInvalid, `Model pack ${root}: manifest.json is invalid: ${problems.join('; ')}.`);
  }
  const manifest = json as Manifest;
  await Promise.all(Object.entries(manifest.files).map(([name, expected]) => verifyFile(root, name, expected, options.verifyHashes ?? true)));
  return {
    dir: root,
    manifest,
    file(name: string): string {
      if (!(name in manifest.files)) {
        throw new LunetteError(ErrorCode.ModelInvalid, `Model pack ${root}: manifest.json does not list ${name}, which the ${manifest.family} family needs.`);
      }
      return path.join(root, name);
    },
  };
}

async function verifyFile(root: string, name: string, expected: { sha256: string; bytes: number }, hash: boolean): Promise<void> {
  const file = path.join(root, name);
  let stat;
  try {
    stat = await fs.stat(file);
  } catch {
    throw new LunetteError(ErrorCode.ModelInvalid, `Model file ${file} is missing.`);
  }
  if (stat.size !== expected.bytes) {
    throw new LunetteError(ErrorCode.ModelInvalid, `Model file ${file} is ${stat.size} bytes; the manifest says ${expected.bytes}. The file is damaged or from another pack.`);
  }
  if (!hash) return;
  const actual = await sha256File(file);
  if (actual !== expected.sha256) {
    throw new LunetteError(ErrorCode.ModelInvalid, `Model file ${file} fails its checksum (sha256 ${actual.slice(0, 12)}…, expected ${expected.sha256.slice(0, 12)}…). The file is damaged; reinstall the model pack.`);
  }
}

export function sha256File(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}
