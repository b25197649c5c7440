import { useEffect, useState } from 'react';
import { session, whenSignedOut } from './api';
import { Account } from './pages/account';
import { Accounts } from './pages/accounts';
import { Install } from './pages/install';
import { Library } from './pages/library';
import { Setup } from './pages/setup';
import { SignIn } from './pages/sign-in';

/** The page for a hash route (#/connectors, #/connectors/3/setup, #/accounts, #/accounts/{id}, #/accounts/{id}/connectors/{installId}). */
function route(hash: string) {
  const parts = hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  if (parts[0] === 'connectors' && parts[1] && parts[2] === 'setup') return <Setup connectorId={parts[1]} />;
  if (parts[0] === 'accounts' && parts[1] && parts[2] === 'connectors' && parts[3])
    return <Install accountId={parts[1]} installId={parts[3]} />;
  if (parts[0] === 'accounts' && parts[1]) return <Account accountId={parts[1]} />;
  if (parts[0] === 'accounts') return <Accounts />;
  return <Library />;
}

const useHash = () => {
  const [hash, setHash] = useState(window.location.hash);
  useEffect(() => {
    const onChange = () => setHash(window.location.hash);
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return hash;
};

export function App() {
  const [signedIn, setSignedIn] = useState(session.token() !== null);
  const hash = useHash();
  useEffect(() => whenSignedOut(() => setSignedIn(false)), []);
  useEffect(() => {
    const title = hash.startsWith('#/accounts') ? 'Accounts' : 'Connectors';
    document.title = `${title} · Patchbay console`;
  }, [hash]);
  if (!signedIn) return <SignIn onSignedIn={() => setSignedIn(true)} />;
  const section = hash.startsWith('#/accounts') ? 'accounts' : 'connectors';
  return (
    <>
      <header>
        <a className="brand" href="#/connectors">
          Patchbay
        </a>
        <nav aria-label="Main">
          <a href="#/connectors" aria-current={section === 'connectors' ? 'page' : undefined}>
            Connectors
          </a>
          <a href="#/accounts" aria-current={section === 'accounts' ? 'page' : undefined}>
            Accounts
          </a>
        </nav>
        <button
          type="button"
          className="secondary"
          onClick={() => {
            session.signOut();
            setSignedIn(false);
          }}
        >
          Sign out
        </button>
      </header>
      {route(hash)}
    </>
  );
}
