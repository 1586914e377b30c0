/**
 * Thrown by a backend method for an error the admin should read: the preview rejects the Apex
 * call the way an `AuraHandledException` does (`error.body.message`).
 */
export class AuraHandledError extends Error {
  override name = 'AuraHandledError';
}
