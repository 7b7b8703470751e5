// UI scenarios for the alt-text features: diagnostics in the editor, the hover, the quick fix from the light
// bulb menu, and the workspace batch waiting for review in the Refactor Preview.

async function openFile(page, runCommand, relativePath) {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(relativePath);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: relativePath.split('/').pop() }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.tab.active', { hasText: relativePath.split('/').pop() }).waitFor({ timeout: 20_000 });
}

/** Puts the cursor on a line (1-based) and column with Go to Line. */
async function goTo(page, line, column) {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await page.waitForTimeout(300);
}

/** Opens the light bulb menu at the cursor and returns its item `label`. The menu lists the code actions once the
 * extension has answered; a Ctrl+. pressed before then, on a loaded machine, can open nothing, so press it again. */
async function quickFix(page, label) {
  const item = page.locator('.action-widget .monaco-list-row', { hasText: label }).first();
  for (let attempt = 0; attempt < 8; attempt++) {
    await page.keyboard.press('Control+.');
    if (await item.waitFor({ timeout: 3000 }).then(() => true, () => false)) return item;
    await page.keyboard.press('Escape');
    await page.waitForTimeout(500);
  }
  throw new Error(`"${label}" never appeared in the light bulb menu`);
}

export async function altTextScenarios({ page, scenario, runCommand, openContextMenu, shots, path }) {
  await scenario('alt-text diagnostics appear on a Markdown file', async () => {
    await runCommand(page, 'View: Close All Editors');
    await openFile(page, runCommand, 'docs/README.md');
    await page.locator('.squiggly-warning, .squiggly-info').first().waitFor({ timeout: 30_000 });
    await runCommand(page, 'View: Focus Problems (Errors, Warnings, Infos)');
    await page.locator('.markers-panel .monaco-list-row', { hasText: /alt text/i }).first().waitFor({ timeout: 20_000 });
    await page.screenshot({ path: path.join(shots, 'alt-text-diagnostics.png') });
  });

  await scenario('hovering an image shows a thumbnail and a suggested alt', async () => {
    await goTo(page, 5, 6);
    await page.locator('.view-line span', { hasText: 'settings-dialog.png' }).first().hover();
    const hover = page.locator('.monaco-hover', { hasText: /Suggested alt|Describing/ }).first();
    await hover.waitFor({ timeout: 30_000 });
    if (!(await hover.innerText()).includes('Suggested alt')) {
      // The first hover started the description; the next one shows it from the cache.
      await page.mouse.move(10, 10);
      await page.waitForTimeout(3000);
      await page.locator('.view-line span', { hasText: 'settings-dialog.png' }).first().hover();
      await page.locator('.monaco-hover', { hasText: 'Suggested alt' }).first().waitFor({ timeout: 30_000 });
    }
    await page.locator('.monaco-hover img[src^="data:image/png"]').first().waitFor({ timeout: 10_000 });
    await page.screenshot({ path: path.join(shots, 'alt-text-hover.png') });
    await page.keyboard.press('Escape');
  });

  await scenario('the quick fix writes alt text into the Markdown image', async () => {
    await goTo(page, 5, 6);
    const fix = await quickFix(page, 'Generate alt text (Lunette)');
    await page.screenshot({ path: path.join(shots, 'alt-text-quick-fix.png') });
    await fix.click();
    // The empty alt is gone: the line no longer reads ![](…), and its finding left the Problems view.
    await page.locator('.markers-panel .monaco-list-row', { hasText: 'empty-alt' }).waitFor({ state: 'detached', timeout: 60_000 });
    if ((await page.locator('.view-line', { hasText: '![](../images/settings-dialog.png)' }).count()) !== 0) throw new Error('the alt text was not written');
    await page.screenshot({ path: path.join(shots, 'alt-text-fixed.png') });
    await runCommand(page, 'File: Revert File');
  });

  await scenario('"Generate alt text with intent…" asks for the image\'s role and lets the author edit', async () => {
    await runCommand(page, 'View: Close All Editors');
    await openFile(page, runCommand, 'docs/README.md');
    await goTo(page, 9, 6); // ![Screenshot 2024-05-01 at 10.22.13](…)
    const fix = await quickFix(page, 'Generate alt text with intent');
    await fix.click();
    const role = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Informative' }).first();
    await role.waitFor({ timeout: 20_000 });
    await page.screenshot({ path: path.join(shots, 'alt-text-intent.png') });
    await role.click();
    const input = page.locator('.quick-input-widget input');
    await page.locator('.quick-input-widget', { hasText: 'Alt text for' }).waitFor({ timeout: 60_000 });
    await input.fill('Terminal showing the failed build');
    await page.keyboard.press('Enter');
    await page.locator('.view-line', { hasText: /Terminal[\s\u00a0]showing[\s\u00a0]the[\s\u00a0]failed[\s\u00a0]build/ }).first().waitFor({ timeout: 20_000 });
    await runCommand(page, 'File: Revert File');
  });

  await scenario('Describe Image from the image preview\'s title bar', async () => {
    await runCommand(page, 'View: Close All Editors');
    await runCommand(page, 'Notifications: Clear All Notifications');
    await openFile(page, runCommand, 'images/bar-chart.png');
    const action = page.locator('.editor-actions .action-label[aria-label*="Describe Image"]').first();
    await action.waitFor({ timeout: 20_000 });
    await action.click();
    await page.locator('.notification-toast', { has: page.locator('.monaco-button', { hasText: 'Copy' }) }).first().waitFor({ timeout: 90_000 });
  });

  await scenario('the image preview\'s right-click menu describes the image', async () => {
    await page.keyboard.press('Escape');
    await runCommand(page, 'View: Close All Editors');
    await runCommand(page, 'Notifications: Clear All Notifications');
    // Opened from the explorer, as a user would (a single click opens the image preview).
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'settings-dialog.png' }).first().click();
    await page.locator('.tab.active', { hasText: 'settings-dialog.png' }).waitFor({ timeout: 20_000 });
    const preview = page.frameLocator('iframe.webview.ready[src*="extensionId=vscode.media-preview"]').last().frameLocator('#active-frame');
    const image = preview.locator('img').first();
    await image.waitFor({ timeout: 20_000 });
    const menu = page.locator('.context-view .monaco-menu');
    const item = await openContextMenu(page, image, 'Describe Image');
    for (const other of ['Ask About Image', 'Copy Alt Text', 'Open in Lunette Panel']) {
      if ((await page.locator('.context-view .action-item', { hasText: other }).count()) === 0) throw new Error(`the context menu lacks "${other}"`);
    }
    await page.screenshot({ path: path.join(shots, 'image-preview-menu.png') });
    await item.hover();
    await page.keyboard.press('Enter');
    await menu.waitFor({ state: 'detached', timeout: 5000 }).catch(() => undefined);
    await page.locator('.notification-toast', { has: page.locator('.monaco-button', { hasText: 'Copy' }) }).first().waitFor({ timeout: 90_000 });
  });

  await scenario('"Add Missing Alt Text in File" proposes edits for that file only, for review', async () => {
    await runCommand(page, 'View: Close All Editors');
    await runCommand(page, 'Notifications: Clear All Notifications');
    await openFile(page, runCommand, 'docs/page.html');
    await runCommand(page, 'Lunette: Add Missing Alt Text in File');
    const preview = page.locator('.refactor-preview, [id="workbench.view.bulkEdit"], .bulk-edit-panel').first();
    await preview.waitFor({ timeout: 120_000 });
    const rows = preview.locator('.monaco-list-row');
    await rows.first().waitFor({ timeout: 20_000 });
    const texts = (await rows.allInnerTexts()).join('\n');
    if (!texts.includes('page.html')) throw new Error(`the Refactor Preview does not list page.html:\n${texts}`);
    for (const other of ['README.md', 'Gallery.tsx']) if (texts.includes(other)) throw new Error(`the file batch also changed ${other}`);
    await page.screenshot({ path: path.join(shots, 'alt-text-file-review.png') });
    await page.locator('.monaco-button, .action-label', { hasText: /^Discard$/ }).first().click();
    await preview.locator('.monaco-list-row').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
    await page.locator('.tab.active', { hasText: 'page.html' }).waitFor();
    if ((await page.locator('.tab.active.dirty').count()) !== 0) throw new Error('Discard left page.html modified');
  });

  await scenario('the workspace batch waits for review in the Refactor Preview', async () => {
    await runCommand(page, 'Lunette: Add Missing Alt Text in Workspace');
    const preview = page.locator('.refactor-preview, [id="workbench.view.bulkEdit"], .bulk-edit-panel').first();
    await preview.waitFor({ timeout: 120_000 });
    await page.locator('.monaco-list-row', { hasText: 'settings-dialog.png' }).first().waitFor({ timeout: 20_000 });
    await page.screenshot({ path: path.join(shots, 'alt-text-batch-review.png') });
    // Nothing is written until the author applies: discard, and the files stay as they were.
    const discard = page.locator('.monaco-button, .action-label', { hasText: /^Discard$/ }).first();
    await discard.click();
  });
}
