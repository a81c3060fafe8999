// The CLI in German. Every key of en.ts must be here (the type says so; test/unit/l10n checks placeholders).
import type { CliMessageKey } from './en';

export const de: Record<CliMessageKey, string> = {
  'program.description': 'Ordner mit gescannten Kartei- und Katalogkarten offline in CSV und JSON umwandeln',
  'session.engineFailed': 'Die OCR-Engine konnte nicht gestartet werden: {reason}',
  'session.unknownError': 'unbekannter Fehler',
  'session.engineRestarted': 'Die Engine wurde beendet ({reason}); neu gestartet, es geht weiter',
  'session.stopping': 'Halte nach den laufenden Karten an; später weiter mit: card-ocr resume <Ordner>',
  'session.couldNotRun': 'Der Stapel konnte nicht laufen: {reason}',
  'session.seeLog': 'siehe Protokoll (--verbose)',
  'session.summary': '{succeeded} Karten gelesen, {failed} fehlgeschlagen',
  'session.csv': '  CSV:     {path}',
  'session.json': '  JSON:    {path}/',
  'session.errors': '  Fehler:  {path}/ (Gründe in errors.jsonl; beheben und dann: card-ocr retry {dir})',
  'progress.bar': '{bar} {percentage} % | {value}/{total} Karten | {failed} fehlgeschlagen | {speed} Karten/s | noch {eta}',
  'progress.cardOk': '{position} {card} ok {seconds} s',
  'progress.cardFailed': '{position} {card} fehlgeschlagen {code}: {message}',
  'serve.rootNotFolder': '--root {root} ist kein Ordner',
  'serve.portTaken': 'Port {port} ist belegt; verwende stattdessen {used}',
  'serve.server': 'Card-OCR-Server: {url}',
  'serve.dashboard': 'Dashboard: {url}',
  'serve.discovery': 'Token und Adresse für andere Programme: {file}',
  'serve.roots': 'Stapel dürfen Ordner verwenden in: {roots}',
  'serve.noRoots': 'Kein --root angegeben: Stapel nur aus Uploads',
  'serve.shuttingDown': 'Wird beendet ({signal}); laufende Stapel werden pausiert und können fortgesetzt werden',
};
