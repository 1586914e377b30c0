// Entry point of the local preview: synthetic shadow (the platform's default for LWCs), the
// preview's toast region and banner, then the setup app as on its Lightning tab.
import '@lwc/synthetic-shadow';
import { createElement } from 'lwc';
import SetupApp from 'c/setupApp';
import { sampleOrgSummary, SAMPLE_ORG_LINKS } from './apexTransport.js';
import { installToastRegion } from './toasts.js';

function describePreview() {
  const details = document.querySelector('[data-preview-details]');
  if (!details) return;
  details.append(`${sampleOrgSummary} Other sample orgs: `);
  SAMPLE_ORG_LINKS.forEach((link, index) => {
    if (index > 0) details.append(' · ');
    const anchor = document.createElement('a');
    anchor.href = link.href;
    anchor.textContent = link.label;
    if (link.current) anchor.setAttribute('aria-current', 'page');
    details.append(anchor);
  });
}

installToastRegion({
  polite: document.querySelector('[data-toast-region="polite"]'),
  assertive: document.querySelector('[data-toast-region="assertive"]'),
});
describePreview();
document.getElementById('app').appendChild(createElement('c-setup-app', { is: SetupApp }));
