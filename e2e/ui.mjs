// UI scenarios: Playwright drives the workbench in Debian's Chromium, with Lunette installed from its VSIX.
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { altTextScenarios } from './altText.mjs';
import { panelScenarios } from './panel.mjs';

const SPACE = '[\\s\\u00a0]'; // Monaco renders spaces as U+00A0

async function openWorkbench(page, url, workspace) {
  await page.goto(`${url}/?folder=${encodeURIComponent(workspace)}`);
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  await page.locator('.explorer-folders-view').waitFor({ timeout: 60_000 });
}

/** Runs a command from the palette; retries while contributions are still arriving. */
async function runCommand(page, title) {
  for (let attempt = 0; attempt < 20; attempt++) {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(`>${title}`);
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
    try {
      await row.waitFor({ timeout: 1500 });
      await row.click();
      return;
    } catch {
      await page.keyboard.press('Escape');
      await page.waitForTimeout(1000);
    }
  }
  throw new Error(`command "${title}" never appeared in the palette`);
}

async function openFile(page, relativePath) {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(relativePath);
  await page.locator('.quick-input-list .monaco-list-row').first().waitFor();
  await page.keyboard.press('Enter');
}

/** The text of a notification toast; with `action`, only a toast offering that button (a result, not progress). */
async function notification(page, pattern, timeout = 60_000, action) {
  let toast = page.locator('.notification-toast', { hasText: pattern });
  if (action) toast = toast.filter({ has: page.locator('.monaco-button', { hasText: action }) });
  toast = toast.first();
  await toast.waitFor({ timeout });
  return (await toast.locator('.notification-list-item-message').innerText()).trim();
}

/**
 * Right-clicks `target` until its context menu shows `item` (the extension's menu contributions can arrive
 * after the workbench); returns that menu item.
 */
async function openContextMenu(page, target, item) {
  const menuItem = page.locator('.context-view .action-item', { hasText: item }).first();
  for (let attempt = 0; attempt < 20; attempt++) {
    await target.click({ button: 'right' });
    if (await menuItem.waitFor({ timeout: 1500 }).then(() => true, () => false)) return menuItem;
    await page.keyboard.press('Escape');
    await page.waitForTimeout(1000);
  }
  throw new Error(`"${item}" never appeared in the context menu`);
}

/** Clicks an item of a file's context menu in the explorer. */
async function explorerContextMenu(page, fileName, item) {
  const entry = page.locator('.explorer-folders-view .monaco-list-row', { hasText: fileName }).first();
  await entry.waitFor({ timeout: 30_000 });
  const menuItem = await openContextMenu(page, entry, item);
  await menuItem.click();
  // A click during the menu's opening can be lost: the item is then highlighted and Enter chooses it.
  const menu = page.locator('.context-view .monaco-menu');
  if (!(await menu.waitFor({ state: 'detached', timeout: 2000 }).then(() => true, () => false))) {
    await menuItem.hover();
    await page.keyboard.press('Enter');
    await menu.waitFor({ state: 'detached', timeout: 5000 });
  }
}

async function expandFolder(page, folder) {
  const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: folder }).first();
  await row.waitFor({ timeout: 30_000 });
  if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
}

export async function runScenarios({ browser, url, workspace, outDir }) {
  const shots = path.join(outDir, 'screenshots');
  mkdirSync(shots, { recursive: true });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const results = [];
  const scenario = async (name, body) => {
    const started = Date.now();
    try {
      await body();
      results.push({ name, ok: true });
      console.log(`  ✔ ${name} (${Date.now() - started} ms)`);
    } catch (error) {
      results.push({ name, ok: false });
      console.log(`  ✖ ${name}: ${error instanceof Error ? error.message.split('\n')[0] : error}`);
      await page.screenshot({ path: path.join(shots, `failed-${name.replace(/\W+/g, '-')}.png`) }).catch(() => undefined);
    }
  };

  await scenario('the workbench opens', async () => {
    await openWorkbench(page, url, workspace);
  });

  await scenario('Describe Image from the explorer shows the caption', async () => {
    await expandFolder(page, 'images');
    await explorerContextMenu(page, 'settings-dialog.png', 'Describe Image');
    const text = await notification(page, /\w/, 90_000, 'Copy');
    // Activation put the host's status in the status bar.
    await page.locator('.statusbar-item', { hasText: /Lunette/ }).first().waitFor({ timeout: 10_000 });
    await page.screenshot({ path: path.join(shots, 'describe-image.png') });
    console.log(`    caption: ${text}`);
    await page.keyboard.press('Escape');
  });

  await scenario('Ask About Image on the open image preview streams an answer', async () => {
    await runCommand(page, 'Notifications: Clear All Notifications');
    await openFile(page, 'images/settings-dialog.png');
    await page.frameLocator('iframe.webview.ready').frameLocator('#active-frame').locator('img').first().waitFor({ timeout: 20_000 });
    await page.locator('.tab.active', { hasText: 'settings-dialog.png' }).waitFor({ timeout: 20_000 });
    await runCommand(page, 'Lunette: Ask About Image…');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill('What does the dialog ask?');
    await page.keyboard.press('Enter');
    const text = await notification(page, /\w/, 90_000, 'Copy');
    await page.screenshot({ path: path.join(shots, 'ask-about-image.png') });
    console.log(`    answer: ${text}`);
  });

  await scenario('a broken image gives a clear error', async () => {
    await page.keyboard.press('Escape');
    await runCommand(page, 'Notifications: Clear All Notifications');
    await explorerContextMenu(page, 'broken.png', 'Describe Image');
    const text = await notification(page, /corrupt or truncated|not an image/, 60_000);
    await page.screenshot({ path: path.join(shots, 'broken-image.png') });
    console.log(`    error: ${text}`);
  });

  await scenario('the explorer context menu offers Lunette\'s commands on an image', async () => {
    await page.keyboard.press('Escape');
    await runCommand(page, 'Notifications: Clear All Notifications');
    const entry = page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'settings-dialog.png' }).first();
    const items = ['Describe Image', 'Ask About Image', 'Copy Alt Text', 'Copy Text From Image', 'Open in Lunette Panel'];
    await openContextMenu(page, entry, items[0]);
    for (const item of items) {
      if ((await page.locator('.context-view .action-item', { hasText: item }).count()) === 0) throw new Error(`the menu lacks "${item}"`);
    }
    await page.screenshot({ path: path.join(shots, 'explorer-menu.png') });
    await page.keyboard.press('Escape');
  });

  await scenario('the status item opens the host menu, which opens Lunette\'s settings', async () => {
    await page.keyboard.press('Escape');
    await page.locator('.statusbar-item', { hasText: /Lunette/ }).first().click();
    const title = page.locator('.quick-input-widget', { hasText: 'Lunette model host' });
    await title.waitFor({ timeout: 10_000 });
    for (const item of ['Restart Model Host', 'Show Logs', 'Choose Model', 'Settings']) {
      await page.locator('.quick-input-list .monaco-list-row', { hasText: item }).first().waitFor({ timeout: 5000 });
    }
    await page.screenshot({ path: path.join(shots, 'status-menu.png') });
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Settings' }).first().click();
    const editor = page.locator('.settings-editor');
    await editor.waitFor({ timeout: 20_000 });
    // The list is virtual (only visible rows exist): check the count, and the first rows, alphabetical.
    const count = editor.locator('.settings-count-widget', { hasText: /Settings? Found/ });
    await count.waitFor({ timeout: 20_000 });
    const found = Number((await count.innerText()).match(/\d+/)?.[0] ?? 0);
    if (found < 10) throw new Error(`only ${found} Lunette settings are listed`);
    await editor.locator('.setting-item-title', { hasText: /Alt Text/ }).first().waitFor({ timeout: 20_000 });
    await page.screenshot({ path: path.join(shots, 'settings.png') });
    // Recent VS Code shows Settings as a modal editor: Escape leaves its search box, Ctrl+W closes it.
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+W');
    await editor.waitFor({ state: 'hidden', timeout: 10_000 });
  });

  await panelScenarios({ page, scenario, runCommand, explorerContextMenu, expandFolder, shots });
  await altTextScenarios({ page, scenario, runCommand, openContextMenu, shots, path });

  await page.close();
  return { passed: results.filter((r) => r.ok).length, failed: results.filter((r) => !r.ok).length };
}
