// `lightning/platformResourceLoader` in the preview: loadScript / loadStyle add a <script> / <link> to the page
// once per URL (static resources are copied to preview/dist/resources by preview/salesforceModules.mjs).
const loaded = new Map();

function load(url, create) {
  if (!loaded.has(url)) {
    loaded.set(
      url,
      new Promise((resolve, reject) => {
        const element = create();
        element.onload = () => resolve();
        element.onerror = () => {
          loaded.delete(url);
          reject(new Error(`Could not load ${url}`));
        };
        document.head.appendChild(element);
      }),
    );
  }
  return loaded.get(url);
}

export function loadScript(_component, url) {
  return load(url, () => {
    const script = document.createElement('script');
    script.src = url;
    script.charset = 'utf-8';
    return script;
  });
}

export function loadStyle(_component, url) {
  return load(url, () => {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = url;
    return link;
  });
}
