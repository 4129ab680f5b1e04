import { strict as assert } from 'node:assert';
import { breakdownCsv } from '../../../ledger/src/reports/breakdownCsv';
import type { BreakdownRow } from '../../../ledger/src/store/types';
import { makeTestApp } from './helpers';

const row = (key: string, label: string | null, millicredits = 1000, entries = 1): BreakdownRow => ({ key, label, millicredits, entries });

describe('breakdownCsv', () => {
  it('writes a header row naming the dimension, and CRLF after every record', () => {
    assert.equal(breakdownCsv('nodeType', []), 'nodeType,label,millicredits,credits,entries\r\n');
  });

  it('writes negative millicredits as exact negative credits, and null as an empty field', () => {
    assert.equal(breakdownCsv('day', [row('2026-11-01', null, -1500)]), 'day,label,millicredits,credits,entries\r\n2026-11-01,,-1500,-1.500,1\r\n');
  });

  it('writes credits with three decimals and no separators', () => {
    assert.equal(breakdownCsv('member', [row('alice', null, 1234567, 3), row('bob', null, 5, 1), row('carol', null, 0, 0)]),
      'member,label,millicredits,credits,entries\r\nalice,,1234567,1234.567,3\r\nbob,,5,0.005,1\r\ncarol,,0,0.000,0\r\n');
  });

  it('quotes a field holding a comma, a quote, a line feed or a carriage return, doubling quotes', () => {
    assert.equal(breakdownCsv('workflow', [row('a,b', 'say "hi"'), row('w2', 'line 1\nline 2'), row('w3', 'cr\rhere')]),
      'workflow,label,millicredits,credits,entries\r\n' +
      '"a,b","say ""hi""",1000,1.000,1\r\n' +
      'w2,"line 1\nline 2",1000,1.000,1\r\n' +
      'w3,"cr\rhere",1000,1.000,1\r\n');
  });

  it('neutralises text starting with =, +, -, @ or a tab so spreadsheets do not run it as a formula', () => {
    assert.equal(breakdownCsv('workflow', [row('=1+1', '+SUM(A1)'), row('-2', '@cmd'), row('\tx', '=HYPERLINK("x")')]),
      'workflow,label,millicredits,credits,entries\r\n' +
      "'=1+1,'+SUM(A1),1000,1.000,1\r\n" +
      "'-2,'@cmd,1000,1.000,1\r\n" +
      `'\tx,"'=HYPERLINK(""x"")",1000,1.000,1\r\n`);
  });

  it('leaves plain text, and a formula character inside a field, as it is', () => {
    assert.equal(breakdownCsv('workflow', [row('wf-1', 'Leads = good')]), 'workflow,label,millicredits,credits,entries\r\nwf-1,Leads = good,1000,1.000,1\r\n');
  });
});

describe('GET /v1/reports?format=csv', () => {
  it('serves the breakdown as a CSV attachment with quoted and neutralised workflow names', async () => {
    const t = await makeTestApp();
    try {
      const charge = (key: string, workflowId: string, workflowName: string, millicredits: number) =>
        t.call('meter', { method: 'POST', url: '/v1/usage', payload: { key, millicredits, workflowId, workflowName } });
      await charge('e1:n:0:run', 'wf-a', 'Leads, "hot"', 2500);
      await charge('e2:n:0:run', 'wf-b', '=cmd|calc', 1000);
      await charge('e3:n:0:run', 'wf-b', '=cmd|calc', 500);
      const res = await t.call('admin', { url: '/v1/reports?by=workflow&format=csv' });
      assert.deepEqual([res.statusCode, res.headers['content-type'], res.headers['content-disposition']], [200, 'text/csv; charset=utf-8', 'attachment; filename="usage-by-workflow.csv"']);
      const [header, ...records] = res.body.split('\r\n');
      assert.equal(header, 'workflow,label,millicredits,credits,entries');
      assert.deepEqual(records.sort(), ['', 'wf-a,"Leads, ""hot""",2500,2.500,1', "wf-b,'=cmd|calc,1500,1.500,2"].sort());
    } finally {
      await t.close();
    }
  });
});
