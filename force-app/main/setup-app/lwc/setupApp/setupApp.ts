import { LightningElement } from 'lwc';

/** One section of the setup app's navigation. */
export interface SetupSection {
  name: string;
  label: string;
  /** False while the section is not built: it then says so instead of pretending. */
  built: boolean;
  /** What the section lets the admin do (shown by the placeholder while it is not built). */
  description: string;
}

/** The app's sections, in navigation order. */
export const SECTIONS: readonly SetupSection[] = [
  {
    name: 'overview',
    label: 'Overview',
    built: true,
    description: 'See each call center, its agents and how many of them are mapped to the telephony system.',
  },
  {
    name: 'setup',
    label: 'Guided setup',
    built: true,
    description:
      'see what the app still needs (permission set, Service Cloud Voice, call centers, a provider and its credential, the event subscriber user) with live status, fix each item, and switch provisioning on.',
  },
  {
    name: 'unmapped',
    label: 'Unmapped users',
    built: true,
    description:
      'find the agents of each call center that have no CallCenterRoutingMap, and generate their mappings in bulk from a rule or a directory export, with a preview before anything is written.',
  },
  {
    name: 'mappings',
    label: 'Mappings',
    built: true,
    description:
      'search, edit and delete CallCenterRoutingMap records, fix stale, mismatched and duplicate mappings, and export or import them as CSV.',
  },
  {
    name: 'provisioning',
    label: 'Provisioning',
    built: true,
    description:
      'follow every provisioning request sent to your telephony providers when agents join, change or leave, and retry or replay failed ones.',
  },
  {
    name: 'providers',
    label: 'Providers',
    built: true,
    description:
      'connect telephony providers (JSON webhook or SCIM 2.0) through Named Credentials, test connections, map fields and set notifications.',
  },
];

const DEFAULT_SECTION = 'overview';

/**
 * Root of the Contact Center User Sync setup app (hosted by the app's Lightning tab):
 * a header, the section navigation and the selected section.
 */
export default class SetupApp extends LightningElement {
  selectedSection = DEFAULT_SECTION;

  get sections(): readonly SetupSection[] {
    return SECTIONS;
  }

  get currentSection(): SetupSection {
    return SECTIONS.find((section) => section.name === this.selectedSection) ?? SECTIONS[0];
  }

  get isOverview(): boolean {
    return this.currentSection.name === 'overview';
  }

  get isUnmapped(): boolean {
    return this.currentSection.name === 'unmapped';
  }

  get isProvisioning(): boolean {
    return this.currentSection.name === 'provisioning';
  }

  get isMappings(): boolean {
    return this.currentSection.name === 'mappings';
  }

  get isSetup(): boolean {
    return this.currentSection.name === 'setup';
  }

  get isProviders(): boolean {
    return this.currentSection.name === 'providers';
  }

  /** Call center and problem filter the Mappings section opens with (set by an Overview problem link). */
  mappingsCallCenterId: string | null = null;
  mappingsProblemKind: string | null = null;

  /** An Overview problem count was chosen: open the Mappings section on that call center's problems. */
  handleShowMappingProblems(event: CustomEvent<{ callCenterId: string; kind: string | null }>): void {
    this.mappingsCallCenterId = event.detail?.callCenterId ?? null;
    this.mappingsProblemKind = event.detail?.kind ?? 'ALL';
    this.selectedSection = 'mappings';
  }

  get showPlaceholder(): boolean {
    return !this.currentSection.built;
  }

  /** lightning-vertical-navigation's select event; unknown names fall back to the Overview. */
  handleSelect(event: CustomEvent<{ name: string }>): void {
    this.open(event.detail?.name);
  }

  /**
   * A section asked for another one (`navigate` { section }: a guided setup fix, the Overview's provider health);
   * an unknown name is ignored and the current section stays.
   */
  handleNavigate(event: CustomEvent<{ section: string }>): void {
    const section = event.detail?.section;
    if (SECTIONS.some((candidate) => candidate.name === section)) this.open(section);
  }

  private open(name: string | undefined): void {
    this.mappingsCallCenterId = null;
    this.mappingsProblemKind = null;
    this.selectedSection = SECTIONS.some((section) => section.name === name) ? (name as string) : DEFAULT_SECTION;
  }
}
