/** "Lunette: Choose Model…": the bundled packs, or a model pack folder on disk. */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { SECTION } from './config';

interface PackItem extends vscode.QuickPickItem {
  /** Value for `lunette.model.path`; '' selects the bundled default. */
  setting?: string;
  browse?: boolean;
}

export async function chooseModel(context: vscode.ExtensionContext): Promise<void> {
  const config = vscode.workspace.getConfiguration(SECTION);
  const current = config.get<string>('model.path', '');
  const modelsDir = context.asAbsolutePath('models');
  const items: PackItem[] = [];
  for (const name of await bundledPacks(modelsDir)) {
    const manifest = await readManifest(path.join(modelsDir, name));
    if (!manifest || name.startsWith('test-')) continue;
    const isDefault = name === 'lunette-nano';
    items.push({
      label: `$(package) ${manifest.name ?? name}`,
      description: [manifest.version, isDefault ? vscode.l10n.t('bundled default') : vscode.l10n.t('bundled')].filter(Boolean).join(' · '),
      detail: manifest.description,
      setting: isDefault ? '' : path.join(modelsDir, name),
      picked: isDefault ? current === '' : current === path.join(modelsDir, name),
    });
  }
  if (current && !items.some((i) => i.setting === current)) {
    items.push({ label: `$(folder) ${path.basename(current)}`, description: vscode.l10n.t('current'), detail: current, setting: current });
  }
  items.push({ label: `$(folder-opened) ${vscode.l10n.t('Browse for a model pack folder…')}`, browse: true });
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Lunette: Choose Model'), placeHolder: current || vscode.l10n.t('Using the bundled model') });
  if (!picked) return;
  let value = picked.setting;
  if (picked.browse) {
    const folder = await vscode.window.showOpenDialog({ canSelectFiles: false, canSelectFolders: true, openLabel: vscode.l10n.t('Use This Model Pack') });
    if (!folder?.[0]) return;
    if (!(await readManifest(folder[0].fsPath))) {
      void vscode.window.showErrorMessage(vscode.l10n.t('{0} has no readable manifest.json; it is not a Lunette model pack.', folder[0].fsPath));
      return;
    }
    value = folder[0].fsPath;
  }
  await config.update('model.path', value ?? '', vscode.ConfigurationTarget.Global);
}

async function bundledPacks(dir: string): Promise<string[]> {
  try {
    return (await fs.readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
  } catch {
    return [];
  }
}

async function readManifest(dir: string): Promise<{ name?: string; version?: string; description?: string } | undefined> {
  try {
    const json = JSON.parse(await fs.readFile(path.join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    const text = (key: string) => (typeof json[key] === 'string' ? (json[key] as string) : undefined);
    return { name: text('name'), version: text('version'), description: text('description') } as { name?: string; version?: string; description?: string };
  } catch {
    return undefined;
  }
}
