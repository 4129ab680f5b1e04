import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const EXT = join(__dirname, '../../vscode-extension');
const manifest = JSON.parse(readFileSync(join(EXT, 'package.json'), 'utf8'));

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  assert.equal(bytes.subarray(0, 8).toString('hex'), '89504e470d0a1a0a', `${file} is not a PNG`);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('the extension manifest', () => {
  it('has a square PNG icon of at least 128 px (the Marketplace refuses SVG icons), packed into the .vsix', () => {
    const { width, height } = pngSize(join(EXT, manifest.icon));
    const ignore = readFileSync(join(EXT, '.vscodeignore'), 'utf8').split('\n');
    assert.deepEqual([manifest.icon, width === height, width >= 128], ['images/icon.png', true, true]);
    assert.ok(ignore.includes('!images/icon.png'), '.vscodeignore leaves images/ out but must keep the icon');
  });

  it('names its publisher, repository, licence, categories, keywords, gallery banner and engine', () => {
    assert.deepEqual(
      [manifest.publisher, manifest.license, manifest.repository.url, manifest.bugs.url, manifest.galleryBanner.theme, manifest.engines.vscode],
      ['n8n-credits', 'MIT', 'https://github.com/n8n-credits/n8n-credits.git', 'https://github.com/n8n-credits/n8n-credits/issues', 'dark', '^1.91.0'],
    );
    assert.match(manifest.galleryBanner.color, /^#[0-9a-f]{6}$/i);
    assert.ok(manifest.categories.includes('Linters') && manifest.keywords.includes('n8n') && manifest.keywords.length <= 30);
  });

  it('ships a README, a CHANGELOG and a licence beside the manifest', () => {
    assert.deepEqual(['README.md', 'CHANGELOG.md', 'LICENSE'].filter((f) => !existsSync(join(EXT, f))), []);
  });

  it('validates .n8n-credits.json with the schema it ships, and reads it as JSON with comments', () => {
    const [validation] = manifest.contributes.jsonValidation;
    assert.deepEqual(validation, { fileMatch: '.n8n-credits.json', url: './schemas/n8n-credits.schema.json' });
    assert.ok(existsSync(join(EXT, validation.url)));
    assert.deepEqual(manifest.contributes.languages, [{ id: 'jsonc', filenames: ['.n8n-credits.json'] }]);
  });

  it('packs without --allow-missing-repository now that it names one', () => {
    assert.doesNotMatch(manifest.scripts.build, /allow-missing-repository/);
  });
});
