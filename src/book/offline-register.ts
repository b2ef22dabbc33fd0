/**
 * Every built page's one line to the service worker (src/book/offline.mjs): register it once
 * the page has loaded and gone idle, so it never competes with the first paint; and when a
 * newer version of the book has been installed beside the running one, say so in a fixed
 * toast ("A new version of the book is ready — Reload"). Reload tells the waiting worker to
 * take over and reloads the page once it has; Later leaves the reader on the version they
 * have until every tab of the book is closed. The toast's words are the page's language's
 * (src/i18n/{en,zh-cn}/reading.ts, the Chinese fetched only for a Chinese page's toast).
 * Not loaded by `astro dev`.
 */
import { messagesFor } from '../i18n/locale.ts';
import en from '../i18n/en/reading.ts';

const container = navigator.serviceWorker;

/** Set when the reader pressed Reload: only then does a change of worker reload the page. */
let accepted = false;

function button(label: string, onClick: () => void): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = label;
  b.addEventListener('click', onClick);
  return b;
}

/** The update toast; a live region, filled after it is in the page so it is announced. */
async function offer(waiting: ServiceWorker): Promise<void> {
  if (document.getElementById('book-update') !== null) return;
  const m = await messagesFor(en, () => import('../i18n/zh-cn/reading.ts'));
  if (document.getElementById('book-update') !== null) return;
  const toast = document.createElement('div');
  toast.id = 'book-update';
  toast.className = 'book-update not-content';
  toast.setAttribute('role', 'status');
  document.body.append(toast);
  requestAnimationFrame(() => {
    const text = document.createElement('span');
    text.textContent = m.newVersion;
    const reload = button(m.reload, () => {
      accepted = true;
      reload.disabled = true;
      waiting.postMessage({ type: 'SKIP_WAITING' });
    });
    toast.append(text, reload, button(m.later, () => toast.remove()));
  });
}

async function register(): Promise<void> {
  const registration = await container.register(`${import.meta.env.BASE_URL}sw.js`);
  // A worker already installed and waiting (the reader said Later in another visit), or one
  // that finishes installing now; with no controller yet it is the first install, no update.
  if (registration.waiting !== null && container.controller !== null) void offer(registration.waiting);
  registration.addEventListener('updatefound', () => {
    const installing = registration.installing;
    installing?.addEventListener('statechange', () => {
      if (installing.state === 'installed' && container.controller !== null) void offer(installing);
    });
  });
}

if (container !== undefined) {
  container.addEventListener('controllerchange', () => {
    if (accepted) location.reload();
  });
  const whenIdle = (): void => {
    const idle = window.requestIdleCallback ?? ((f: () => void) => setTimeout(f, 1));
    idle(() => void register().catch((err: unknown) => console.warn("The book could not be kept for offline reading:", err)));
  };
  if (document.readyState === 'complete') whenIdle();
  else addEventListener('load', whenIdle, { once: true });
}
