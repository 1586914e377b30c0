// Bench only (npm run bench): the app's way to show a call center's agents — one server-side page
// (MappingUsersController.getUsers, keyset paging and search on the server) in a lightning-datatable that renders
// only the rows in its viewport (render-config), as c/unmappedUsers does.
import { LightningElement, api } from 'lwc';
import getUsers from '@salesforce/apex/MappingUsersController.getUsers';
import { COLUMNS } from 'bench/naiveTable';

export default class PagedTable extends LightningElement {
  @api callCenterId;
  @api pageSize = 100;
  rows = [];
  columns = COLUMNS;
  renderConfig = { viewportRendering: true, virtualize: 'vertical', bufferSize: 10 };

  /** Loads the first page (optionally searched); resolves with the first row's id. */
  @api
  async load(search) {
    const page = await getUsers({
      query: { callCenterId: this.callCenterId, scope: 'ALL', search: search || null, pageSize: this.pageSize },
    });
    this.rows = page.rows;
    return page.rows[0]?.userId ?? null;
  }
}
