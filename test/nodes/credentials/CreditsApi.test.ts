import assert from 'node:assert/strict';
import { CreditsApi } from '../../../credentials/CreditsApi.credentials';

describe('unit', () => {
	describe('Credits API credential', () => {
		it('sends the key as a Bearer token', () => {
			assert.deepEqual(new CreditsApi().authenticate, { type: 'generic', properties: { headers: { Authorization: '=Bearer {{$credentials.apiKey}}' } } });
		});

		it('is tested against whoami at the ledger URL', () => {
			const test = new CreditsApi().test;
			assert.deepEqual([test.request.url, test.request.method, test.request.baseURL], ['/v1/whoami', 'GET', '={{$credentials.url.replace(/\\/+$/, "")}}']);
		});

		it('asks for the ledger URL and a password-typed key', () => {
			assert.deepEqual(new CreditsApi().properties.map((p) => [p.name, p.typeOptions?.password === true]), [['url', false], ['apiKey', true]]);
		});
	});
});
