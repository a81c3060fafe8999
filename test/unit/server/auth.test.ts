// The door's pure checks, table-driven: Host, Origin, token comparison, safe upload names, image sniffing.
import * as assert from 'node:assert/strict';
import { isAllowedOrigin, isLoopbackHost, isSameToken, tokenOf } from '../../../src/server/auth';
import { extensionFor, sniffImage } from '../../../src/server/image-sniff';
import { safeBaseName, uniqueName } from '../../../src/server/safe-file-name';
import { isInside } from '../../../src/server/allowed-roots';

describe('server door checks', () => {
  it('accepts only loopback Host names with our exact port', () => {
    const table: [string | undefined, boolean][] = [
      ['127.0.0.1:8123', true], ['localhost:8123', true], ['LOCALHOST:8123', true], ['[::1]:8123', true],
      ['127.0.0.1', false], ['127.0.0.1:8124', false], ['evil.example:8123', false], ['localhost.evil.example:8123', false],
      ['127.0.0.1.nip.io:8123', false], ['0.0.0.0:8123', false], [undefined, false], ['127.0.0.1:8123:1', false],
    ];
    assert.deepEqual(table.map(([host]) => [host, isLoopbackHost(host, 8123)]), table);
  });

  it('accepts our own origin, VS Code webviews and non-browser clients only', () => {
    const table: [string | undefined, boolean][] = [
      [undefined, true], ['http://127.0.0.1:8123', true], ['http://localhost:8123', true], ['vscode-webview://1a2b3c', true],
      ['http://127.0.0.1:9999', false], ['https://127.0.0.1:8123', false], ['http://evil.example', false], ['null', false],
      ['vscode-webview://x/../evil', false], ['vscode-file://vscode-app', false],
    ];
    assert.deepEqual(table.map(([origin]) => [origin, isAllowedOrigin(origin, 8123)]), table);
  });

  it('compares tokens exactly, whatever their lengths', () => {
    assert.deepEqual([isSameToken('abc', 'abc'), isSameToken('abc', 'abd'), isSameToken('ab', 'abc'), isSameToken('', 'abc')], [true, false, false, false]);
  });

  it('reads the token from a Bearer header, else from the query when one is given', () => {
    assert.equal(tokenOf({ authorization: 'Bearer t1' }, new URLSearchParams('token=t2')), 't1');
    assert.equal(tokenOf({}, new URLSearchParams('token=t2')), 't2');
    assert.equal(tokenOf({ authorization: 'Basic dTpw' }, undefined), undefined);
  });

  it('reduces client file names to safe base names', () => {
    const table: [string, string][] = [
      ['../../etc/passwd', 'passwd'], ['..\\..\\win.ini', 'win.ini'], ['.hidden.png', 'hidden.png'], ['..', 'card'],
      ['a/b/c.jpg', 'c.jpg'], ['Zettel Nr. 7.jpg', 'Zettel Nr. 7.jpg'], ['Bücher–Karte.png', 'Bücher_Karte.png'],
      ['con.jpg', 'card.jpg'], ['bad\u0000name.png', 'bad_name.png'], ['trailing. ', 'trailing'], ['', 'card'],
    ];
    assert.deepEqual(table.map(([raw]) => [raw, safeBaseName(raw)]), table);
  });

  it('makes names unique case-insensitively', () => {
    const taken = new Set(['a.jpg']);
    assert.deepEqual(['A.jpg', 'a.jpg', 'b.png', 'B.PNG'].map(n => uniqueName(n, taken)), ['A-2.jpg', 'a-3.jpg', 'b.png', 'B-2.PNG']);
  });

  it('knows images by their first bytes and fixes a missing extension', () => {
    const bytes = (...b: number[]) => Uint8Array.from([...b, ...new Array(12).fill(0)]);
    assert.deepEqual([
      sniffImage(bytes(0xff, 0xd8, 0xff, 0xe0)), sniffImage(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)),
      sniffImage(bytes(0x49, 0x49, 0x2a, 0x00)), sniffImage(Uint8Array.from([0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x45, 0x42, 0x50])),
      sniffImage(bytes(0x25, 0x50, 0x44, 0x46)), sniffImage(new Uint8Array(0)),
    ], ['jpeg', 'png', 'tiff', 'webp', undefined, undefined]);
    assert.deepEqual([extensionFor('jpeg', '.JPG'), extensionFor('jpeg', ''), extensionFor('png', '.jpg')], ['', '.jpg', '.png']);
  });

  it('treats only the root itself and folders below it as inside', () => {
    assert.deepEqual([isInside('/r', '/r'), isInside('/r', '/r/a'), isInside('/r', '/r2'), isInside('/r', '/'), isInside('/r', '/r/..a')], [true, true, false, false, true]);
  });
});
