// The application menu: the platform's standard roles, plus Spyglass's own entries.
import { Menu, shell, type MenuItemConstructorOptions } from 'electron';

export function installMenu(collectorUrl: string, importTrace: () => void): void {
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'Import Trace…', accelerator: 'CmdOrCtrl+O', click: importTrace },
        {
          label: 'Open in Browser',
          click: () => void shell.openExternal(`${collectorUrl}/`),
        },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
