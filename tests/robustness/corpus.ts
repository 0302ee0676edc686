import { crc32, deflateRawSync } from 'node:zlib';
import { toneWav, wavHeader } from '../helpers/wav.js';

/** Hostile inputs, built in memory by the suite (nothing checked in). */

export const goodWav = (seed: number): Buffer => toneWav({ channels: 1, seconds: 2, seed });

export const terabyteWav = (): Buffer => Buffer.concat([wavHeader({ channels: 2, sampleRate: 8000, dataBytes: 0xfffffff0, riffBytes: 0xffffffff }), Buffer.alloc(4096)]);

/** MPEG-1 layer III frame headers with an ID3v2 tag claiming ~256 MB (the syncsafe maximum) and a Xing frame count of 2^32-1. */
export const hugeMp3 = (): Buffer => {
  const id3 = Buffer.from([0x49, 0x44, 0x33, 3, 0, 0, 0x7f, 0x7f, 0x7f, 0x7f]);
  const frame = Buffer.alloc(417);
  frame.set([0xff, 0xfb, 0x90, 0x64]);
  frame.write('Xing', 36, 'ascii');
  frame.writeUInt32BE(1, 40);
  frame.writeUInt32BE(0xffffffff, 44);
  return Buffer.concat([id3, frame, frame, frame]);
};

/** fLaC STREAMINFO claiming 2^36-1 samples (a terabyte of 24-bit stereo at 8 kHz) with no frames. */
export const hugeFlac = (): Buffer => {
  const info = Buffer.alloc(34);
  info.writeUInt16BE(4096, 0);
  info.writeUInt16BE(4096, 2);
  // sample rate 20 bits (8000) | channels-1 3 bits (1) | bps-1 5 bits (23) | total samples 36 bits (all ones)
  const packed = (BigInt(8000) << 44n) | (1n << 41n) | (23n << 36n) | ((1n << 36n) - 1n);
  info.writeBigUInt64BE(packed, 10);
  return Buffer.concat([Buffer.from('fLaC'), Buffer.from([0x80, 0, 0, 34]), info, Buffer.alloc(64)]);
};

/** ISO-BMFF (m4a/mp4): ftyp, then a moov box whose 64-bit size claims 2^62 bytes. */
export const hugeM4a = (): Buffer => {
  const ftyp = Buffer.alloc(24);
  ftyp.writeUInt32BE(24, 0);
  ftyp.write('ftypM4A ', 4, 'ascii');
  ftyp.write('M4A isom', 16, 'ascii');
  const moov = Buffer.alloc(16 + 64);
  moov.writeUInt32BE(1, 0);
  moov.write('moov', 4, 'ascii');
  moov.writeBigUInt64BE(1n << 62n, 8);
  moov.writeUInt32BE(0x7ffffff0, 16);
  moov.write('trak', 20, 'ascii');
  return Buffer.concat([ftyp, moov]);
};

/**
 * A zip container around deflated members (what xlsx/docx are). `declaredSize`: the unpacked size the
 * headers claim, when it should not be the truth (a bomb that lies about itself).
 */
function zip(entries: { name: string; data: Buffer; declaredSize?: number }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const deflated = deflateRawSync(e.data, { level: 1 });
    const name = Buffer.from(e.name);
    const crc = crc32(e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(deflated.length, 18);
    local.writeUInt32LE(e.declaredSize ?? e.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(deflated.length, 20);
    central.writeUInt32LE(e.declaredSize ?? e.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, deflated);
    centrals.push(central, name);
    offset += 30 + name.length + deflated.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/**
 * calls.xlsx whose one sheet is `mb` MB unzipped (a few MB zipped): the decompression bomb of issue 11.
 * Rows and cells carry their references (r="A2"), as Excel and LibreOffice write them.
 * `lying`: its zip headers claim the sheet is 1 KB, so only limits applied while inflating can stop it.
 * `oneCell`: the whole size is one cell's text in the second row (no row limit can help; memory must).
 */
export function xlsxBomb(mb: number, opts: { lying?: boolean; oneCell?: boolean } = {}): Buffer {
  const head = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
    '<row r="1"><c r="A1" t="inlineStr"><is><t>file</t></is></c><c r="B1" t="inlineStr"><is><t>agent</t></is></c></row>';
  const tail = '</sheetData></worksheet>';
  const bytes = mb * 1024 * 1024;
  const parts: Buffer[] = [Buffer.from(head)];
  if (opts.oneCell) {
    parts.push(Buffer.from('<row r="2"><c r="A2" t="inlineStr"><is><t>own-call.wav</t></is></c><c r="B2" t="inlineStr"><is><t>'), Buffer.alloc(bytes, 'agent-007 '), Buffer.from('</t></is></c></row>'));
  } else {
    for (let n = 2, size = 0; size < bytes; ) {
      const chunk: string[] = [];
      for (let i = 0; i < 10_000; i++, n++) chunk.push(`<row r="${n}"><c r="A${n}" t="inlineStr"><is><t>own-call-${n}.wav</t></is></c><c r="B${n}" t="inlineStr"><is><t>agent-007</t></is></c></row>`);
      const b = Buffer.from(chunk.join(''));
      parts.push(b);
      size += b.length;
    }
  }
  parts.push(Buffer.from(tail));
  const sheet = Buffer.concat(parts);
  const x = (s: string): Buffer => Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>${s}`);
  return zip([
    { name: '[Content_Types].xml', data: x('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>') },
    { name: '_rels/.rels', data: x('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>') },
    { name: 'xl/workbook.xml', data: x('<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="calls" sheetId="1" r:id="rId1"/></sheets></workbook>') },
    { name: 'xl/_rels/workbook.xml.rels', data: x('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>') },
    { name: 'xl/worksheets/sheet1.xml', data: sheet, declaredSize: opts.lying ? 1024 : undefined },
  ]);
}

/** calls.csv of a million rows (~30 MB): the main-thread parse of issue 11 item 4. */
export const millionRowCsv = (): Buffer =>
  Buffer.from(['file,agent,queue', ...Array.from({ length: 1_000_000 }, (_, i) => `call-${i}.wav,agent-${i % 50},billing`)].join('\n'));

export const millionCharLine = (): Buffer => Buffer.from(`Agent: ${'a'.repeat(1_000_000)}\nCustomer: thanks\n`);

const ts = (s: number): string => {
  const h = Math.floor(s / 3600), m = Math.floor(s / 60) % 60, sec = s % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(sec).padStart(2, '0')}`;
};

export function millionCues(kind: 'srt' | 'vtt'): Buffer {
  const parts: string[] = kind === 'vtt' ? ['WEBVTT\n\n'] : [];
  const sep = kind === 'srt' ? ',' : '.';
  for (let i = 0; i < 1_000_000; i++) parts.push(`${i + 1}\n${ts(i)}${sep}000 --> ${ts(i)}${sep}900\nAgent: hi\n\n`);
  return Buffer.from(parts.join(''));
}

export const nestedJson = (depth: number): Buffer => Buffer.from(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`);
