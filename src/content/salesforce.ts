import { onUrlChange, showOverlayFor } from './boot';

const KINDS = ['salesforce-record'] as const;
showOverlayFor(location.href, KINDS);
onUrlChange((url) => showOverlayFor(url, KINDS));
