// Ambient declarations for platform modules that @salesforce/lightning-types 0.8.0 lacks.
// There is deliberately NO wildcard for '@salesforce/apex/*': every Apex method the LWCs import
// is declared in types/apex.d.ts, so a misspelled or unknown method is a tsc error.

declare module '@salesforce/label/*' {
  const label: string;
  export default label;
}

declare module '@salesforce/schema/*' {
  const field: { fieldApiName: string; objectApiName: string };
  export default field;
}

declare module '@salesforce/user/Id' {
  const userId: string;
  export default userId;
}

declare module 'lightning/platformShowToastEvent' {
  export interface ShowToastEventDetail {
    title?: string;
    message?: string;
    messageData?: Array<string | { url: string; label: string }>;
    variant?: 'info' | 'success' | 'warning' | 'error';
    mode?: 'dismissible' | 'pester' | 'sticky';
  }
  export class ShowToastEvent extends CustomEvent<ShowToastEventDetail> {
    constructor(toast: ShowToastEventDetail);
  }
}

declare module 'lightning/navigation' {
  export interface PageReference {
    type: string;
    attributes?: Record<string, unknown>;
    state?: Record<string, string>;
  }
  export const CurrentPageReference: unknown;
  export function NavigationMixin<T extends new (...args: never[]) => object>(base: T): T;
}

declare module '@salesforce/resourceUrl/*' {
  /** URL of a static resource of this package. */
  const url: string;
  export default url;
}
