// UI scenarios for the image panel (issue 5, item 6). Called from ui.mjs with its page and helpers:
//   await panelScenarios({ page, scenario, runCommand, explorerContextMenu, expandFolder, shots });
// Each step is one `scenario`, so a failure is reported by name and the rest still run.
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const PASTED = readFileSync(path.join(here, '..', 'media', 'examples', 'terminal-error.png')).toString('base64');
const DROPPED = readFileSync(path.join(here, 'workspace', 'images', 'bar-chart.png')).toString('base64');

/** The panel's document: our webview's outer iframe (by extension id), then its active frame. */
export function panelFrame(page) {
  return page.frameLocator('iframe.webview.ready[src*="extensionId=lunette.lunette"]').last().frameLocator('#active-frame');
}

/** Waits until the newest transcript entry has finished; returns its status. */
async function lastEntryStatus(frame, timeout = 90_000) {
  const entry = frame.locator('#transcript .entry').last();
  await entry.waitFor({ timeout });
  await frame.locator('#transcript .entry:last-child:not([data-status="running"])').waitFor({ timeout });
  return entry.getAttribute('data-status');
}

/** Dispatches a paste of `base64` (as a File of type `mime`) inside the panel, as Ctrl+V with a screenshot would. */
async function pasteImage(frame, base64, mime = 'image/png', name = 'image.png') {
  await frame.locator('body').evaluate(
    (body, [data, type, fileName]) => {
      const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], fileName, { type }));
      body.ownerDocument.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
    },
    [base64, mime, name],
  );
}

/**
 * Drags `file` (bytes, as a file manager would offer it) or `uriList` (text/uri-list, as another app would)
 * over the panel's image area and drops it: dragenter, dragover (the area must accept it), drop. Shift is
 * held, as the panel's hint asks: without it VS Code takes a file drag over a webview for the editor area.
 */
async function dropOnPanel(frame, { base64, mime, name, uriList }) {
  const accepted = await frame.locator('#drop-zone').evaluate(
    (zone, [data, type, fileName, uris]) => {
      const transfer = new DataTransfer();
      if (data) transfer.items.add(new File([Uint8Array.from(atob(data), (c) => c.charCodeAt(0))], fileName, { type }));
      if (uris) transfer.setData('text/uri-list', uris);
      const fire = (kind) => zone.dispatchEvent(new DragEvent(kind, { dataTransfer: transfer, shiftKey: true, bubbles: true, cancelable: true }));
      fire('dragenter');
      const over = !fire('dragover'); // cancelled = the zone accepts the drop
      const highlighted = zone.classList.contains('dragging');
      fire('drop');
      return over && highlighted;
    },
    [base64, mime, name, uriList],
  );
  if (!accepted) throw new Error('the image area did not accept the drag');
}

export async function panelScenarios({ page, scenario, runCommand, explorerContextMenu, expandFolder, shots }) {
  const frame = panelFrame(page);
  await page
    .context()
    .grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin })
    .catch(() => undefined);

  await scenario('the image panel opens from the explorer and shows the image', async () => {
    await page.keyboard.press('Escape');
    await runCommand(page, 'View: Close All Editors');
    await expandFolder(page, 'images');
    await explorerContextMenu(page, 'settings-dialog.png', 'Open in Lunette Panel');
    await page.locator('.tab.active', { hasText: 'Lunette: settings-dialog.png' }).waitFor({ timeout: 20_000 });
    const image = frame.locator('#image');
    await image.waitFor({ state: 'visible', timeout: 30_000 });
    await frame.locator('#image-label', { hasText: 'settings-dialog.png' }).waitFor();
    const width = await image.evaluate((img) => (img.complete ? img.naturalWidth : new Promise((r) => img.addEventListener('load', () => r(img.naturalWidth)))));
    if (!(width > 0)) throw new Error('the image did not load in the panel');
  });

  await scenario('the panel captions the image, streaming, and copies the caption', async () => {
    await frame.locator('#caption-length').selectOption('short');
    await frame.locator('#caption').click();
    const status = await lastEntryStatus(frame);
    if (status !== 'done') throw new Error(`caption ended as ${status}: ${await frame.locator('#transcript .entry').last().innerText()}`);
    const caption = (await frame.locator('#transcript .entry').last().locator('.text').innerText()).trim();
    if (!caption) throw new Error('empty caption');
    console.log(`    panel caption: ${caption}`);
    await frame.locator('#transcript .entry').last().locator('[data-action="copy"]').click();
    await frame.locator('#notice', { hasText: /Copied/ }).waitFor({ timeout: 10_000 });
  });

  await scenario('a question is asked with Enter and answered in the transcript', async () => {
    await frame.locator('#question').fill('What does the dialog ask?');
    await frame.locator('#question').press('Enter');
    const status = await lastEntryStatus(frame);
    const entry = frame.locator('#transcript .entry').last();
    if (status !== 'done') throw new Error(`ask ended as ${status}: ${await entry.innerText()}`);
    console.log(`    panel answer: ${(await entry.locator('.text').innerText()).trim()}`);
  });

  await scenario('Escape stops a running request', async () => {
    await frame.locator('#caption-length').selectOption('long');
    await frame.locator('#caption').click();
    await frame.locator('#transcript .entry[data-status="running"]').first().waitFor({ timeout: 10_000 });
    await frame.locator('#question').press('Escape');
    const status = await lastEntryStatus(frame, 30_000);
    // A tiny model can finish before the key arrives; anything but an error is fine, a stop is expected.
    if (status !== 'cancelled' && status !== 'done') throw new Error(`after Escape the request is ${status}`);
    if (status === 'done') console.log('    (the request finished before Escape arrived)');
  });

  await scenario('detect draws one overlay box per listed object', async () => {
    await frame.locator('#object').fill('button');
    await frame.locator('#object').press('Enter');
    const status = await lastEntryStatus(frame);
    if (status !== 'done') throw new Error(`detect ended as ${status}`);
    const entry = frame.locator('#transcript .entry').last();
    const listed = await entry.locator('.objects li').count();
    const drawn = await frame.locator('#overlay rect.box').count();
    if (listed !== drawn) throw new Error(`${listed} boxes listed but ${drawn} drawn`);
    console.log(`    detect: ${(await entry.locator('.summary').innerText()).trim()}`);
    await page.screenshot({ path: path.join(shots, 'image-panel.png') });
  });

  await scenario('Read Text lists the lines and draws their boxes', async () => {
    await frame.locator('#read-text').click();
    const status = await lastEntryStatus(frame);
    const entry = frame.locator('#transcript .entry').last();
    if (status !== 'done') throw new Error(`read text ended as ${status}: ${await entry.innerText()}`);
    const lines = await entry.locator('.objects li').allInnerTexts();
    if (lines.length === 0) throw new Error('no text read from a dialog full of text');
    const drawn = await frame.locator('#overlay rect.box').count();
    if (drawn !== lines.length) throw new Error(`${lines.length} lines listed but ${drawn} boxes drawn`);
    console.log(`    text: ${lines.slice(0, 3).join(' | ')}`);
    await page.screenshot({ path: path.join(shots, 'image-panel-text.png') });
  });

  await scenario('a pasted screenshot replaces the image and can be captioned', async () => {
    await pasteImage(frame, PASTED);
    await frame.locator('#image-label', { hasText: 'Pasted image' }).waitFor({ timeout: 20_000 });
    if ((await frame.locator('#transcript .entry').count()) !== 0) throw new Error('the old transcript stayed');
    await frame.locator('#caption-length').selectOption('short');
    await frame.locator('#caption').click();
    const status = await lastEntryStatus(frame);
    if (status !== 'done') throw new Error(`caption of the pasted image ended as ${status}`);
  });

  await scenario('a paste that is not an image is refused', async () => {
    await pasteImage(frame, Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>').toString('base64'));
    await frame.locator('#notice[data-level="error"]').waitFor({ timeout: 10_000 });
  });

  await scenario('an image file dropped on the panel replaces the image', async () => {
    await dropOnPanel(frame, { base64: DROPPED, mime: 'image/png', name: 'dropped-chart.png' });
    await frame.locator('#image-label', { hasText: 'dropped-chart.png' }).waitFor({ timeout: 20_000 });
    await frame.locator('#image').waitFor({ state: 'visible', timeout: 20_000 });
    if ((await frame.locator('#transcript .entry').count()) !== 0) throw new Error('the old transcript stayed');
  });

  await scenario('a dropped link to a file outside the workspace is refused', async () => {
    await dropOnPanel(frame, { uriList: '# from another app\r\nfile:///etc/passwd' });
    await frame.locator('#notice[data-level="error"]', { hasText: 'workspace' }).waitFor({ timeout: 10_000 });
    await frame.locator('#image-label', { hasText: 'dropped-chart.png' }).waitFor();
  });

  await scenario('Ctrl+V pastes a screenshot from the clipboard into the panel', async () => {
    // The clipboard gets a real PNG (as a screenshot tool would leave it); the key goes to the panel.
    await page.evaluate(async (data) => {
      const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
      await navigator.clipboard.write([new ClipboardItem({ 'image/png': new Blob([bytes], { type: 'image/png' }) })]);
    }, PASTED);
    await frame.locator('#question').click();
    await page.keyboard.press('Control+V');
    await frame.locator('#image-label', { hasText: 'Pasted image' }).waitFor({ timeout: 20_000 });
    const value = await frame.locator('#question').inputValue();
    if (value) throw new Error(`the paste also typed "${value}" into the question`);
  });

  await scenario('the panel is usable by keyboard and screen reader', async () => {
    // Every control has an accessible name, the image has a text alternative, results go to a live log.
    const tree = await frame.locator('body').ariaSnapshot();
    writeFileSync(path.join(shots, 'image-panel.aria.yml'), tree);
    const unnamed = tree.split('\n').filter((line) => /^\s*- (button|textbox|combobox|img|checkbox|link)(\s*\[[^\]]*\])?:?\s*$/.test(line));
    if (unnamed.length) throw new Error(`controls without an accessible name: ${unnamed.join(' | ')}`);
    for (const expected of [/- button "Caption"/, /- textbox "Question"/, /- combobox "Caption length"/, /- log "Results"/, /- img "[^"]+"/]) {
      if (!expected.test(tree)) throw new Error(`the accessibility tree lacks ${expected}`);
    }
    // Keyboard only: Tab from the length selector reaches Caption, Enter runs it, the result is announced.
    await frame.locator('#caption-length').focus();
    await page.keyboard.press('Tab');
    if ((await frame.locator(':focus').getAttribute('id')) !== 'caption') throw new Error('Tab from the length selector does not reach Caption');
    const entries = await frame.locator('#transcript .entry').count();
    await page.keyboard.press('Enter');
    await frame.locator('#transcript .entry').nth(entries).waitFor({ timeout: 10_000 });
    const status = await lastEntryStatus(frame);
    if (status !== 'done') throw new Error(`keyboard caption ended as ${status}`);
    const caption = (await frame.locator('#transcript .entry').last().locator('.text').innerText()).trim();
    // The image's alt becomes the newest caption; a screen reader hears the result through the log.
    const alt = await frame.locator('#image').getAttribute('alt');
    if (alt !== caption) throw new Error(`the image alt is "${alt}", not the caption "${caption}"`);
    if ((await frame.locator('#transcript[role="log"][aria-live="polite"]').count()) !== 1) throw new Error('the transcript is not a polite live region');
    if ((await frame.locator('#transcript .entry').last().getAttribute('aria-busy')) === 'true') throw new Error('a finished entry is still busy');
  });

  await scenario('the panel and its transcript survive a window reload', async () => {
    const before = await frame.locator('#transcript .entry').count();
    await runCommand(page, 'Developer: Reload Window');
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await page.locator('.tab', { hasText: 'Lunette: Pasted image' }).first().click({ timeout: 60_000 });
    await frame.locator('#image-label', { hasText: 'Pasted image' }).waitFor({ timeout: 60_000 });
    await frame.locator('#image').waitFor({ state: 'visible', timeout: 30_000 });
    const after = await frame.locator('#transcript .entry').count();
    if (after !== before) throw new Error(`${before} entries before the reload, ${after} after`);
    await page.screenshot({ path: path.join(shots, 'image-panel-restored.png') });
  });

  await scenario('a host error shows one line and a Retry button', async () => {
    // A PNG signature with nothing after it: accepted as a PNG, then refused by the decoder in the host.
    await pasteImage(frame, Buffer.from(PASTED, 'base64').subarray(0, 64).toString('base64'));
    await frame.locator('#transcript .entry').first().waitFor({ state: 'detached', timeout: 20_000 }).catch(() => undefined);
    await frame.locator('#caption').click();
    const status = await lastEntryStatus(frame);
    if (status !== 'error') throw new Error(`a truncated image gave ${status}`);
    const entry = frame.locator('#transcript .entry').last();
    console.log(`    panel error: ${(await entry.locator('.error').innerText()).trim()}`);
    await entry.locator('[data-action="retry"]').waitFor();
    await page.screenshot({ path: path.join(shots, 'image-panel-error.png') });
  });
}
