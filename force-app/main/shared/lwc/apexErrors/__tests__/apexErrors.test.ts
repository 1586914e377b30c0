import { reduceErrors } from 'c/apexErrors';

describe('reduceErrors', () => {
  it('reads the message of an AuraHandledException from an Apex call', () => {
    expect(reduceErrors({ body: { message: 'No access to CallCenter' }, status: 500 })).toEqual([
      'No access to CallCenter',
    ]);
  });

  it('reads page and field errors of a DML failure', () => {
    const error = {
      body: {
        pageErrors: [{ message: 'Record locked' }],
        fieldErrors: { ExternalId: [{ message: 'Required' }] },
      },
    };
    expect(reduceErrors(error)).toEqual(['Record locked', 'Required']);
  });

  it('reads UI API output errors and arrays of bodies', () => {
    expect(
      reduceErrors({ body: { output: { errors: [{ message: 'Bad' }], fieldErrors: { A: [{ message: 'Worse' }] } } } }),
    ).toEqual(['Bad', 'Worse']);
    expect(reduceErrors({ body: [{ message: 'One' }, { message: 'Two' }] })).toEqual(['One', 'Two']);
  });

  it('reads JavaScript errors, strings and status texts, de-duplicated', () => {
    expect(reduceErrors([new Error('Boom'), 'Boom', { statusText: 'Service Unavailable' }])).toEqual([
      'Boom',
      'Service Unavailable',
    ]);
  });

  it('says "Unknown error" for an error without a message, and nothing for no error', () => {
    expect(reduceErrors({})).toEqual(['Unknown error']);
    expect(reduceErrors({ body: null })).toEqual(['Unknown error']);
    expect(reduceErrors(undefined)).toEqual([]);
    expect(reduceErrors([])).toEqual([]);
  });
});
