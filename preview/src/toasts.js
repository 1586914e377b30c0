// Where `lightning/platformShowToastEvent` toasts appear in the preview: SLDS toasts in two live
// regions outside the LWC tree (errors and warnings are announced assertively), built with DOM
// APIs only. Modes as on the platform: dismissible (closes itself after a while or on Close),
// pester (closes itself, no Close button), sticky (only on Close).
const SPRITE = '/assets/icons/utility-sprite/svg/symbols.svg';
const VARIANTS = new Set(['info', 'success', 'warning', 'error']);
const AUTO_CLOSE_MS = { dismissible: 5000, pester: 3000, sticky: 0 };
const MAX_TOASTS = 3;

function icon(name, svgClass) {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('class', svgClass);
  svg.setAttribute('aria-hidden', 'true');
  const use = document.createElementNS('http://www.w3.org/2000/svg', 'use');
  use.setAttribute('href', `${SPRITE}#${name}`);
  svg.append(use);
  return svg;
}

/** The message with its `{0}`, `{1}`... placeholders replaced by text or links from messageData. */
function messageNodes(message, messageData) {
  const data = Array.isArray(messageData) ? messageData : [];
  return String(message ?? '')
    .split(/(\{\d+\})/)
    .map((part) => {
      const match = /^\{(\d+)\}$/.exec(part);
      if (!match) return document.createTextNode(part);
      const item = data[Number(match[1])];
      if (item && typeof item === 'object' && item.url) {
        const link = document.createElement('a');
        link.href = item.url;
        link.textContent = item.label ?? item.url;
        return link;
      }
      return document.createTextNode(item === undefined ? part : String(item));
    });
}

export function installToastRegion({ polite, assertive }) {
  const show = (toast) => {
    const variant = VARIANTS.has(toast.variant) ? toast.variant : 'info';
    const mode = toast.mode in AUTO_CLOSE_MS ? toast.mode : 'dismissible';
    const inverse = variant !== 'warning';
    const region = variant === 'error' || variant === 'warning' ? assertive : polite;

    const element = document.createElement('div');
    element.className = `slds-notify slds-notify_toast slds-theme_${variant}`;
    element.dataset.toast = variant;
    const label = document.createElement('span');
    label.className = 'slds-assistive-text';
    label.textContent = variant;
    const iconContainer = document.createElement('span');
    iconContainer.className = `slds-icon_container slds-icon-utility-${variant} slds-m-right_small slds-no-flex slds-align-top`;
    iconContainer.append(icon(variant, `slds-icon slds-icon_small${inverse ? '' : ' slds-icon-text-default'}`));
    const content = document.createElement('div');
    content.className = 'slds-notify__content';
    if (toast.title) {
      const title = document.createElement('h2');
      title.className = 'slds-text-heading_small';
      title.textContent = toast.title;
      content.append(title);
    }
    if (toast.message) {
      const message = document.createElement('p');
      message.append(...messageNodes(toast.message, toast.messageData));
      content.append(message);
    }
    element.append(label, iconContainer, content);

    const close = () => element.remove();
    if (mode !== 'pester') {
      const closeBox = document.createElement('div');
      closeBox.className = 'slds-notify__close';
      const button = document.createElement('button');
      button.type = 'button';
      button.className = `slds-button slds-button_icon${inverse ? ' slds-button_icon-inverse' : ''}`;
      button.title = 'Close';
      const buttonLabel = document.createElement('span');
      buttonLabel.className = 'slds-assistive-text';
      buttonLabel.textContent = 'Close';
      button.append(icon('close', 'slds-button__icon slds-button__icon_large'), buttonLabel);
      button.addEventListener('click', close);
      closeBox.append(button);
      element.append(closeBox);
    }
    region.append(element);
    while (polite.childElementCount + assertive.childElementCount > MAX_TOASTS) {
      (polite.firstElementChild ?? assertive.firstElementChild)?.remove();
    }
    if (AUTO_CLOSE_MS[mode] > 0) setTimeout(close, AUTO_CLOSE_MS[mode]);
  };

  // ShowToastEvent bubbles and is composed, so it reaches the document from any component.
  document.addEventListener('lightning__showtoast', (event) => show(event.detail ?? {}));
}
