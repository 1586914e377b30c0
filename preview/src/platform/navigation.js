// `lightning/navigation` in the preview. The app runs as one Lightning tab (a navItem page): page
// references to that tab update the URL's `c__` state parameters (so reload and Back work, and other
// query parameters such as ?org= are kept); any other destination does not exist offline and shows an
// info toast instead.
const APP_TAB = 'Contact_Center_User_Sync';
const STATE_PARAM = /^[A-Za-z][A-Za-z0-9]*__/;
const subscribers = new Set();

function currentPageReference() {
  const state = {};
  for (const [key, value] of new URLSearchParams(window.location.search)) {
    if (STATE_PARAM.test(key)) state[key] = value;
  }
  return { type: 'standard__navItemPage', attributes: { apiName: APP_TAB }, state };
}

const isAppTab = (pageReference) =>
  pageReference?.type === 'standard__navItemPage' && (pageReference.attributes?.apiName ?? APP_TAB) === APP_TAB;

function urlFor(pageReference) {
  if (isAppTab(pageReference)) {
    const params = new URLSearchParams(window.location.search);
    for (const key of [...params.keys()]) if (STATE_PARAM.test(key)) params.delete(key);
    for (const [key, value] of Object.entries(pageReference.state ?? {})) {
      if (value !== undefined && value !== null) params.set(key, String(value));
    }
    const search = params.toString();
    return `${window.location.pathname}${search ? `?${search}` : ''}`;
  }
  if (pageReference?.type === 'standard__webPage') return pageReference.attributes?.url ?? '#';
  return '#';
}

function notify() {
  const pageReference = currentPageReference();
  for (const subscriber of subscribers) subscriber(pageReference);
}
window.addEventListener('popstate', notify);

/** `@wire(CurrentPageReference)`: the tab's page reference, updated on every navigation. */
export class CurrentPageReference {
  constructor(dataCallback) {
    this.dataCallback = dataCallback;
  }
  connect() {
    subscribers.add(this.dataCallback);
    this.dataCallback(currentPageReference());
  }
  disconnect() {
    subscribers.delete(this.dataCallback);
  }
  update() {}
}

function navigate(pageReference, replace = false) {
  if (isAppTab(pageReference)) {
    window.history[replace ? 'replaceState' : 'pushState']({}, '', urlFor(pageReference));
    notify();
    return;
  }
  if (pageReference?.type === 'standard__webPage' && pageReference.attributes?.url) {
    window.open(pageReference.attributes.url, '_blank', 'noopener');
    return;
  }
  console.info('[preview] Navigation is not available offline:', pageReference);
  document.dispatchEvent(
    new CustomEvent('lightning__showtoast', {
      detail: {
        variant: 'info',
        title: 'Not available in the local preview',
        message: `In an org this would open a ${pageReference?.type ?? 'page'} page.`,
      },
    }),
  );
}

const Navigate = Symbol('NavigationMixin.Navigate');
const GenerateUrl = Symbol('NavigationMixin.GenerateUrl');

export function NavigationMixin(Base) {
  return class extends Base {
    [Navigate](pageReference, replace) {
      navigate(pageReference, replace);
    }
    [GenerateUrl](pageReference) {
      return Promise.resolve(urlFor(pageReference));
    }
  };
}
NavigationMixin.Navigate = Navigate;
NavigationMixin.GenerateUrl = GenerateUrl;
