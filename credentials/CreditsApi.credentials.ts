import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

/** The ledger's URL and an API key; the key travels as `Authorization: Bearer`, tested with `GET /v1/whoami`. */
export class CreditsApi implements ICredentialType {
	name = 'creditsApi';

	displayName = 'Credits API';

	icon: Icon = { light: 'file:../nodes/Credits/credits.svg', dark: 'file:../nodes/Credits/credits.dark.svg' };

	documentationUrl = 'https://github.com/n8n-credits/n8n-credits#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Ledger URL',
			name: 'url',
			type: 'string',
			default: 'http://127.0.0.1:5680',
			placeholder: 'http://127.0.0.1:5680',
			description: 'Where `n8n-credits serve` answers',
			required: true,
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'A key printed by `n8n-credits serve` or `n8n-credits keys create` (meter, member or admin role)',
			required: true,
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.apiKey}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.url.replace(/\\/+$/, "")}}',
			url: '/v1/whoami',
			method: 'GET',
		},
	};
}
