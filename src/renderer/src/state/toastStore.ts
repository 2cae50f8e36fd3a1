// Short-lived messages at the bottom of the window ("Exported 3 traces to …", failures), so an
// action started from a menu still says how it went.
import { createStore } from './createStore.ts';

export interface Toast {
  id: number;
  text: string;
  tone: 'info' | 'error';
}

export const toastStore = createStore<readonly Toast[]>([]);
let nextId = 1;

export function showToast(text: string, tone: Toast['tone'] = 'info'): void {
  const id = nextId++;
  toastStore.set((list) => [...list.slice(-3), { id, text, tone }]);
  // Errors stay longer: they usually need reading.
  setTimeout(() => dismissToast(id), tone === 'error' ? 12_000 : 5_000);
}

export function dismissToast(id: number): void {
  toastStore.set((list) => list.filter((toast) => toast.id !== id));
}
