// Bench only (npm run bench): the naive way — every agent of the call center loaded into the browser and given to a
// plain lightning-datatable (no viewport rendering); search filters the rows in the browser.
import { LightningElement, api } from 'lwc';

export const COLUMNS = [
  { label: 'Name', fieldName: 'name' },
  { label: 'Username', fieldName: 'username' },
  { label: 'Email', fieldName: 'email' },
  { label: 'Alias', fieldName: 'alias' },
  { label: 'Federation ID', fieldName: 'federationIdentifier' },
  { label: 'Profile', fieldName: 'profileName' },
];

export default class NaiveTable extends LightningElement {
  rows = [];
  columns = COLUMNS;

  /** Shows these rows; resolves with the first row's id. */
  @api
  show(rows) {
    this.rows = rows;
    return rows[0]?.userId ?? null;
  }
}
