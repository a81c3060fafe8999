// A VS Code port forward (remote window, code-server's /proxy/<port>/) names its own host in Host and Origin;
// the door lets exactly the forwards the extension registered through, and still refuses everything else.
import * as assert from 'node:assert/strict';
import { checkHostAndOrigin, type DoorState } from '../../../src/server/auth';

const door: DoorState = { token: 't', port: () => 4321, forwardedHosts: () => new Set(['127.0.0.1:18080']) };

describe('server door with forwarded addresses', () => {
  it('accepts Host and Origin of a registered forward', () => {
    assert.equal(checkHostAndOrigin({ host: '127.0.0.1:18080', origin: 'http://127.0.0.1:18080' }, door), undefined);
    assert.equal(checkHostAndOrigin({ host: '127.0.0.1:4321', origin: 'http://127.0.0.1:18080' }, door), undefined);
  });

  it('still refuses other hosts and origins', () => {
    assert.equal(checkHostAndOrigin({ host: '127.0.0.1:18081' }, door)?.details?.header, 'host');
    assert.equal(checkHostAndOrigin({ host: 'evil.example:18080' }, door)?.details?.header, 'host');
    assert.equal(checkHostAndOrigin({ host: '127.0.0.1:4321', origin: 'http://evil.example:18080' }, door)?.details?.header, 'origin');
    assert.equal(checkHostAndOrigin({ host: '127.0.0.1:18080' }, { token: 't', port: () => 4321 })?.details?.header, 'host');
  });
});
