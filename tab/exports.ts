// The payment list as files for the finance office: CSV that Swedish Excel opens as it is
// (semicolons, UTF-8 with a byte-order mark, decimal comma, CRLF) and XLSX through exceljs.
// Independent huvudmän and municipal units are kept apart: the latter are paid through the
// municipality's own resource-allocation system.
import ExcelJS from 'exceljs';
import { UNIT_KIND_LABELS } from '../domain/wording';
import type { PaymentList, PaymentRow } from './reports';

export const CSV_HEADER = ['Ärendenummer', 'Enhet', 'Huvudman', 'Typ av enhet', 'Period från', 'Period till', 'Belopp (kr)'];

// 12345.5 -> "12345,50": no thousands separator, so Excel reads it as a number.
export const decimalComma = (n: number): string => n.toFixed(2).replace('.', ',');

function csvField(value: string): string {
  return /[";\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

const rowCells = (p: PaymentRow) => [p.caseNumber, p.unitName, p.huvudman, UNIT_KIND_LABELS[p.unitKind], p.from, p.to, decimalComma(p.amount)];

export function paymentsCsv(list: PaymentList): string {
  const lines: string[][] = [
    [`Utbetalning av tilläggsbelopp ${list.month}`],
    [],
    ['Fristående huvudmän (betalas ut med grundbeloppet)'],
    CSV_HEADER,
    ...list.fristaende.map(rowCells),
    ['Summa fristående', '', '', '', '', '', decimalComma(list.totals.fristaende)],
    [],
    ['Kommunala enheter (fördelas i resursfördelningssystemet)'],
    CSV_HEADER,
    ...list.kommunal.map(rowCells),
    ['Summa kommunala', '', '', '', '', '', decimalComma(list.totals.kommunal)],
    [],
    ['Totalt', '', '', '', '', '', decimalComma(list.totals.all)],
  ];
  return '\uFEFF' + lines.map((cells) => cells.map(csvField).join(';')).join('\r\n') + '\r\n';
}

export async function paymentsXlsx(list: PaymentList, municipality: string): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  book.creator = `Tilläggsbot, ${municipality}`;
  const sheet = (title: string, rows: PaymentRow[], total: number) => {
    const ws = book.addWorksheet(title);
    ws.columns = [
      { header: 'Ärendenummer', key: 'caseNumber', width: 16 },
      { header: 'Enhet', key: 'unitName', width: 28 },
      { header: 'Huvudman', key: 'huvudman', width: 24 },
      { header: 'Typ av enhet', key: 'kind', width: 16 },
      { header: 'Period från', key: 'from', width: 12 },
      { header: 'Period till', key: 'to', width: 12 },
      { header: 'Belopp (kr)', key: 'amount', width: 14, style: { numFmt: '#,##0.00' } },
    ];
    ws.getRow(1).font = { bold: true };
    for (const p of rows) ws.addRow({ caseNumber: p.caseNumber, unitName: p.unitName, huvudman: p.huvudman, kind: UNIT_KIND_LABELS[p.unitKind], from: p.from, to: p.to, amount: p.amount });
    const sumRow = ws.addRow({ caseNumber: 'Summa', amount: total });
    sumRow.font = { bold: true };
  };
  sheet('Fristående huvudmän', list.fristaende, list.totals.fristaende);
  sheet('Kommunala enheter', list.kommunal, list.totals.kommunal);
  const buffer = await book.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
