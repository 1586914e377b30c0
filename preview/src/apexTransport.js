// The browser side of `@salesforce/apex/<Class>.<method>` in the preview: each imported Apex method
// calls invokeApex(), which runs the TypeScript preview backend (preview/backend, compiled to
// preview/.build/backend) against a generated sample org, with a network-like delay and JSON
// round-trip, and fails the way the platform does (`error.body.message`).
//
// Query parameters: ?org=default|empty|novoice|noaccess  ?seed=<int>  ?latency=<ms, default 250>
//                   ?fail=<Class.method> (repeatable, or "all": the call rejects like an AuraHandledException)
import { AuraHandledError, createApexBackend } from '../.build/backend/apexBackend.js';
import {
  DEFAULT_SEED,
  SAMPLE_ORG_PRESETS,
  describeSampleOrg,
  generateSampleOrg,
  isSampleOrgPreset,
} from '../.build/backend/sampleOrg.js';

const query = new URLSearchParams(window.location.search);
const requestedPreset = query.get('org') ?? 'default';
const preset = isSampleOrgPreset(requestedPreset) ? requestedPreset : 'default';
if (preset !== requestedPreset) {
  console.warn(`[preview] Unknown sample org "${requestedPreset}"; showing the default one.`);
}
const seedParam = Number.parseInt(query.get('seed') ?? '', 10);
const latencyParam = Number.parseInt(query.get('latency') ?? '', 10);
const latencyMs = Number.isFinite(latencyParam) ? Math.min(Math.max(latencyParam, 0), 30_000) : 250;
const failing = new Set(query.getAll('fail'));

const started = performance.now();
const org = generateSampleOrg(preset, Number.isFinite(seedParam) ? seedParam : DEFAULT_SEED);
const generationMs = performance.now() - started;
const backend = createApexBackend(org);

/** `@salesforce/user/Id` in the preview: the sample org's admin. */
export const currentUserId = org.currentUserId;
export const sampleOrgSummary = describeSampleOrg(org);
export const SAMPLE_ORG_LINKS = Object.entries(SAMPLE_ORG_PRESETS).map(([name, spec]) => ({
  href: `?org=${name}`,
  label: spec.label,
  current: name === preset,
}));

const apexCalls = [];
/** For the e2e tests and the console: which sample org this is, how long it took, Apex calls made. */
globalThis.__ccusPreview = Object.freeze({
  preset,
  seed: org.seed,
  generationMs,
  users: org.users.length,
  callCenters: org.callCenters.length,
  callCenterRoutingMaps: org.callCenterRoutingMaps.length,
  apexCalls,
});
console.info(`[preview] ${sampleOrgSummary} Generated in ${Math.round(generationMs)} ms.`);

/** Like the JSON the platform sends: no Dates, no undefined, no shared references. */
const jsonRoundTrip = (value) => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));

/** The shape LWC sees when an Apex method throws an AuraHandledException. */
function apexError(message) {
  return {
    status: 500,
    statusText: 'Server Error',
    ok: false,
    headers: {},
    body: { message, exceptionType: 'System.AuraHandledException', isUserDefinedException: false, stackTrace: '' },
  };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export async function invokeApex(method, params) {
  const call = { method, params: params ?? {}, ms: 0, ok: false };
  apexCalls.push(call);
  const callStarted = performance.now();
  try {
    await sleep(latencyMs);
    const implementation = Object.prototype.hasOwnProperty.call(backend, method) ? backend[method] : undefined;
    if (typeof implementation !== 'function') {
      console.error(`[preview] The preview backend does not implement ${method} (preview/backend/apexBackend.ts).`);
      throw apexError(`No Apex method ${method} in the local preview.`);
    }
    if (failing.has(method) || failing.has('all')) {
      throw apexError(`Simulated failure of ${method} (the page was opened with ?fail=).`);
    }
    let result;
    try {
      result = await implementation(jsonRoundTrip(params ?? {}));
    } catch (error) {
      if (error instanceof AuraHandledError) throw apexError(error.message);
      // A bug in the preview backend: show it in the console (the e2e tests fail on console errors).
      console.error(`[preview] ${method} threw`, error);
      throw apexError('An internal server error has occurred.');
    }
    call.ok = true;
    return jsonRoundTrip(result);
  } finally {
    call.ms = Math.round(performance.now() - callStarted);
  }
}

// ---- @wire(apexMethod) and refreshApex() -------------------------------------------------
const adaptersByValue = new WeakMap();

/** The wire adapter of one Apex method (`@wire(getSomething, { param: '$value' })`). */
export function createApexWireAdapter(method) {
  return class ApexWireAdapter {
    constructor(dataCallback) {
      this.dataCallback = dataCallback;
      this.config = undefined;
      this.connected = false;
      this.request = 0;
    }
    connect() {
      this.connected = true;
    }
    disconnect() {
      this.connected = false;
    }
    update(config) {
      this.config = config;
      return this.fetch();
    }
    fetch() {
      const request = ++this.request;
      return invokeApex(method, this.config).then(
        (data) => this.emit(request, { data, error: undefined }),
        (error) => this.emit(request, { data: undefined, error }),
      );
    }
    emit(request, value) {
      if (!this.connected || request !== this.request) return;
      adaptersByValue.set(value, this);
      this.dataCallback(value);
    }
  };
}

/** `refreshApex(wiredValue)` from `@salesforce/apex`: runs the wired call again. */
export function refreshApex(wiredValue) {
  const adapter = adaptersByValue.get(wiredValue);
  return adapter ? adapter.fetch() : Promise.resolve(undefined);
}
