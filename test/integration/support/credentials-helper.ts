import { join } from 'node:path';
import type { ICredentialDataDecryptedObject, ICredentialsHelper, ICredentialType, IHttpRequestOptions } from 'n8n-workflow';

/**
 * An `ICredentialsHelper` holding one Credits API credential, as n8n's credential store would:
 * it applies the BUILT credential's own `authenticate` (header templates such as
 * `=Bearer {{$credentials.apiKey}}`), so the test proves what ships.
 */
export function creditsCredentialsHelper(packageDir: string, data: { url: string; apiKey: string } | null): ICredentialsHelper {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { CreditsApi } = require(join(packageDir, 'dist', 'credentials', 'CreditsApi.credentials.js')) as { CreditsApi: new () => ICredentialType };
	const type = new CreditsApi();
	const fill = (template: string, credentials: ICredentialDataDecryptedObject) =>
		template.replace(/^=/, '').replace(/\{\{\s*\$credentials\.(\w+)\s*\}\}/g, (_m, name: string) => String(credentials[name] ?? ''));
	const helper = {
		getParentTypes: () => [],
		isCredentialUsableByNode: () => true,
		getCredentialsProperties: () => type.properties,
		getDecrypted: async () => {
			if (!data) throw new Error('no Credits API credential is stored for this test');
			return { ...data };
		},
		preAuthentication: async () => undefined,
		runPreAuthentication: async () => undefined,
		authenticate: async (credentials: ICredentialDataDecryptedObject, typeName: string, requestOptions: IHttpRequestOptions) => {
			if (typeName !== type.name) throw new Error(`unknown credential type ${typeName}`);
			const auth = type.authenticate;
			if (!auth || typeof auth === 'function') throw new Error('the Credits API credential should authenticate generically');
			const headers: Record<string, string> = { ...(requestOptions.headers as Record<string, string>) };
			for (const [name, value] of Object.entries(auth.properties.headers ?? {})) headers[name] = fill(String(value), credentials);
			return { ...requestOptions, headers };
		},
		getCredentials: async () => {
			throw new Error('not used');
		},
		updateCredentials: async () => undefined,
		updateCredentialsOauthTokenData: async () => undefined,
	};
	return helper as unknown as ICredentialsHelper;
}
