/**
 * Profile links (template-less module): the link from a mapped user to their profile in the telephony system,
 * `start + encodeURIComponent(ExternalId) + end`, from the profile link templates of the providers
 * (ProviderAdminController.getProfileLinkTemplates).
 *
 * Which provider's template applies to a call center: the active provider that serves it explicitly, else an
 * inactive provider that serves it (a deactivated provider keeps its mappings and links working), else the default
 * provider. Only https links are ever returned.
 */
import type { ProfileLinkTemplate } from '@ccus/apex-contracts';
import { sameId } from 'c/salesforceIds';

/** A resolved profile link. */
export interface ProfileLink {
  url: string;
  providerId: string;
  providerName: string;
  /** Accessible name of the link, e.g. "Open agent-42 in Northwind Voice". */
  label: string;
}

/**
 * The parsed URL, or null when `new URL` refuses it. It throws a TypeError for a malformed URL; the name is compared
 * because the error may come from another realm (jsdom, Lightning Web Security), where `instanceof` is false.
 */
function parseUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch (error) {
    if ((error as { name?: unknown } | null)?.name === 'TypeError') return null;
    throw error;
  }
}

/** True for an absolute https URL (the only links the app opens). */
export function isHttpsUrl(value: string | null | undefined): boolean {
  if (!value || !/^https:\/\//i.test(value.trim())) return false;
  return parseUrl(value.trim())?.protocol === 'https:';
}

const hasStart = (template: ProfileLinkTemplate): boolean => isHttpsUrl(template.start);

const serves = (template: ProfileLinkTemplate, callCenterId: string | null | undefined): boolean =>
  (template.callCenterIds ?? []).some((id) => sameId(id, callCenterId));

/**
 * The template that applies to a call center: the active provider serving it, else an inactive provider serving it,
 * else the default provider (an active default first). Templates without an https start are ignored.
 */
export function templateFor(
  templates: readonly ProfileLinkTemplate[] | null | undefined,
  callCenterId: string | null | undefined,
): ProfileLinkTemplate | null {
  const usable = (templates ?? []).filter(hasStart);
  if (callCenterId) {
    const serving = usable.filter((template) => serves(template, callCenterId));
    const active = serving.find((template) => template.active);
    if (active) return active;
    if (serving.length) return serving[0];
  }
  const defaults = usable.filter((template) => template.isDefault);
  return defaults.find((template) => template.active) ?? defaults[0] ?? null;
}

/** start + encodeURIComponent(externalId) + end, or null when that is not an https URL. */
export function buildProfileUrl(
  template: Pick<ProfileLinkTemplate, 'start' | 'end'>,
  externalId: string,
): string | null {
  const url = `${template.start.trim()}${encodeURIComponent(externalId)}${(template.end ?? '').trim()}`;
  return isHttpsUrl(url) ? url : null;
}

/**
 * The profile link of a mapped user, or null (no ExternalId, no template for the call center, not https).
 * `preferredProviderId`: the provider known to hold the user (e.g. the one a provisioning request went to); its
 * template is used when it defines one.
 */
export function resolveProfileLink(
  templates: readonly ProfileLinkTemplate[] | null | undefined,
  callCenterId: string | null | undefined,
  externalId: string | null | undefined,
  preferredProviderId?: string | null,
): ProfileLink | null {
  if (!externalId || !externalId.trim()) return null;
  const preferred = preferredProviderId
    ? (templates ?? []).find((template) => sameId(template.providerId, preferredProviderId) && hasStart(template))
    : undefined;
  const template = preferred ?? templateFor(templates, callCenterId);
  if (!template) return null;
  const url = buildProfileUrl(template, externalId);
  if (!url) return null;
  return {
    url,
    providerId: template.providerId,
    providerName: template.providerName,
    label: `Open ${externalId} in ${template.providerName}`,
  };
}

/** The link URL for a mapping's call center and ExternalId, or null. */
export function profileLinkUrl(
  templates: readonly ProfileLinkTemplate[] | null | undefined,
  callCenterId: string | null | undefined,
  externalId: string | null | undefined,
): string | null {
  return resolveProfileLink(templates, callCenterId, externalId)?.url ?? null;
}
