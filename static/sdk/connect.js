// Patchbay browser helper: opens the OAuth popup and resolves with the message Patchbay posts back.
//
//   import { Patchbay } from 'https://patchbay.example.com/sdk/connect.js';
//   const message = await Patchbay.connect({ url });  // url: .../connectorauth/updateaccountconnectoroauth?...&callbackMessage=...
//
// Resolves with the callback message; rejects with an Error whose `code` is the Patchbay error code
// (e.g. PB_ERR_OAUTH_DENIED), 'POPUP_BLOCKED' or 'POPUP_CLOSED'.

/** Time allowed, after the popup is seen closed, for its last message to arrive. */
const CLOSE_GRACE_MS = 500;

function failure(code, message) {
  const error = new Error(message);
  error.code = code;
  return error;
}

function connect({ url, width = 600, height = 720, name = 'patchbay-connect' }) {
  return new Promise((resolve, reject) => {
    const start = new URL(url, window.location.href);
    // Only messages from Patchbay's own origin, sent by the popup itself, count.
    const patchbayOrigin = start.origin;
    const left = Math.max(0, window.screenX + (window.outerWidth - width) / 2);
    const top = Math.max(0, window.screenY + (window.outerHeight - height) / 2);
    const popup = window.open(start.href, name, `popup=yes,width=${width},height=${height},left=${left},top=${top}`);
    if (!popup) {
      reject(failure('POPUP_BLOCKED', 'The browser blocked the sign-in window; allow pop-ups for this site and try again'));
      return;
    }
    let settled = false;
    const finish = (settle) => {
      if (settled) return;
      settled = true;
      window.removeEventListener('message', onMessage);
      clearInterval(watch);
      settle();
    };
    function onMessage(event) {
      if (event.origin !== patchbayOrigin || event.source !== popup) return;
      const data = event.data;
      if (data !== null && typeof data === 'object' && typeof data.Error === 'string') {
        finish(() => reject(failure(data.Error, data.Message || 'The connection failed')));
      } else {
        finish(() => resolve(data));
      }
    }
    window.addEventListener('message', onMessage);
    const watch = setInterval(() => {
      if (!popup.closed) return;
      clearInterval(watch);
      setTimeout(() => finish(() => reject(failure('POPUP_CLOSED', 'The sign-in window was closed before the connection finished'))), CLOSE_GRACE_MS);
    }, 250);
  });
}

export const Patchbay = { connect };
export default Patchbay;
