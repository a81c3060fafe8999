// tesseract's TSV to the engine's page: lines in order, blank words dropped, boxes as x0/y0/x1/y1.
import * as assert from 'node:assert/strict';
import { tsvToOcrPage } from '../../../../src/engine/ocr-backends/native-tsv';

const header = 'level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext';
const rows = [
  '1\t1\t0\t0\t0\t0\t0\t0\t900\t500\t-1\t',
  '2\t1\t1\t0\t0\t0\t10\t10\t300\t80\t-1\t',
  '3\t1\t1\t1\t0\t0\t10\t10\t300\t80\t-1\t',
  '4\t1\t1\t1\t1\t0\t10\t10\t300\t30\t-1\t',
  '5\t1\t1\t1\t1\t1\t10\t10\t100\t30\t95.5\tMootz,',
  '5\t1\t1\t1\t1\t2\t120\t12\t150\t28\t88.25\tWilhelm.',
  '4\t1\t1\t1\t2\t0\t10\t50\t200\t30\t-1\t',
  '5\t1\t1\t1\t2\t1\t10\t50\t40\t30\t0\t ',
  '2\t1\t2\t0\t0\t0\t10\t100\t200\t30\t-1\t',
  '3\t1\t2\t1\t0\t0\t10\t100\t200\t30\t-1\t',
  '4\t1\t2\t1\t1\t0\t10\t100\t200\t30\t-1\t',
  '5\t1\t2\t1\t1\t1\t10\t100\t200\t30\t70\tMainz',
];

describe('tsvToOcrPage', () => {
  it('makes lines of words with boxes and confidences, dropping blank words and empty lines', () => {
    const page = tsvToOcrPage([header, ...rows].join('\n'), 900, 500);
    assert.equal(page.text, 'Mootz, Wilhelm.\nMainz');
    assert.deepEqual(page.lines[0].box, { x0: 10, y0: 10, x1: 310, y1: 40 });
    assert.deepEqual(page.lines[0].words[1], { text: 'Wilhelm.', confidence: 88.25, box: { x0: 120, y0: 12, x1: 270, y1: 40 } });
    assert.equal(page.confidence, (95.5 + 88.25 + 70) / 3);
    assert.deepEqual([page.width, page.height], [900, 500]);
  });

  it('answers an empty page with no lines and no confidence', () => {
    const page = tsvToOcrPage(`${header}\n${rows[0]}\n`, 900, 500);
    assert.deepEqual([page.text, page.lines, page.confidence], ['', [], null]);
  });
});
