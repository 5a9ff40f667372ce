/**
 * What the overlay says about the pair besides its two sides: problems and advice, what it could
 * not find on an AE page. Long explanations fold behind "Why?" when the one action is on the panel.
 */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { AePart } from '../core/ae-parts';
import type { ErrorCode, PairStatus } from '../core/messages';
import { t } from './i18n';
import { Unmailable } from './overlay-pair';
import { adviceKey, errorText, linkKey, partNames } from './status';

/** Problems the admin fixes in the extension's settings. */
const SETTINGS_FIX: ReadonlySet<ErrorCode> = new Set(['api-access-control', 'oauth-not-configured', 'oauth-failed']);

/** A long explanation, folded behind "Why?" when the one action is already on the panel. */
function Why({ folded, children }: { folded: boolean; children: ComponentChildren }) {
  if (!folded) return <>{children}</>;
  return (
    <details class="why">
      <summary>{t('overlayWhy')}</summary>
      {children}
    </details>
  );
}

/** What is wrong with the pair, how its sides are linked, the advice, and what still keeps mail from it. */
export function Notices({
  status,
  running,
  canOptIn,
  openSettings,
}: {
  status: PairStatus;
  running: boolean;
  /** The opt-in button is on the panel: the advice behind it is folded. */
  canOptIn: boolean;
  openSettings: () => void;
}) {
  const link = linkKey(status);
  const optedOut = status.prospect?.optedOut || status.record?.hasOptedOutOfEmail;
  const advice = adviceKey(status);
  return (
    <div class="notices">
      {status.problem && (
        <p class="error" role="alert" data-field="problem">
          {errorText(status.problem)}
        </p>
      )}
      {status.problem && SETTINGS_FIX.has(status.problem) && (
        <p>
          <button type="button" data-action="open-settings" onClick={(event) => event.isTrusted && openSettings()}>
            {t('overlayOpenSettings')}
          </button>
        </p>
      )}
      {status.pageOutdated && (
        <p data-field="outdated">
          {t('overlayPageOutdated')}{' '}
          <button type="button" onClick={(event) => event.isTrusted && location.reload()}>
            {t('overlayReload')}
          </button>
        </p>
      )}
      {link && <p data-field="link">{t(link)}</p>}
      {!link && optedOut && advice && (
        <Why folded={canOptIn}>
          <p data-field="advice">{t(advice)}</p>
        </Why>
      )}
      {!link && !running && status.prospect?.optedOut === false && status.record?.hasOptedOutOfEmail === false && (
        <p data-field="advice">{t('optedInBoth')}</p>
      )}
      <Unmailable reasons={status.stillUnmailable} />
    </div>
  );
}

/** What the extension could not find on this page, and the outline that lets a maintainer learn it. */
export function Missing({ parts, outline }: { parts: AePart[]; outline: (() => Promise<string>) | null }) {
  const [copied, setCopied] = useState(false);
  const copy = async (event: MouseEvent) => {
    if (!event.isTrusted || !outline) return;
    await navigator.clipboard.writeText(await outline());
    setCopied(true);
  };
  return (
    <div class="missing" data-field="missing">
      {parts.length > 0 && <p>{t('overlayMissing', partNames(parts))}</p>}
      {outline && (
        <p>
          <button type="button" data-action="copy-outline" onClick={copy}>
            {t('overlayCopyOutline')}
          </button>{' '}
          {copied && <span role="status">{t('overlayOutlineCopied')}</span>}
        </p>
      )}
      {outline && (
        <Why folded>
          <p class="muted">{t('overlayOutlineHelp')}</p>
        </Why>
      )}
    </div>
  );
}
