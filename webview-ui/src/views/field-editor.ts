// The form that starts a batch: folder (or uploaded images in a browser), name, language, and a list of
// fields, each a name plus how to find it. It only builds and validates the request; main.ts sends it.
// With a sample card (template preview), a region is drawn on the card and the fields' result shown at once.
import { CreateBatchBody, FieldSpec, Language, Template, type RelativeRect } from '../../../src/protocol/index';
import { finderHint, finderKinds, finderOf, regionText, type FinderKind } from '../finder-text';
import { button, h } from './dom';
import type { TemplatePreviewView } from './template-preview-view';
import { t } from '../l10n/index';

export interface FieldEditorRequest { body: CreateBatchBody; files: File[] }

type TextField = HTMLElement & { value: string };

function textField(label: string, attrs: Record<string, string> = {}): TextField {
  return h('vscode-textfield' as keyof HTMLElementTagNameMap, { 'aria-label': label, placeholder: label, ...attrs }) as unknown as TextField;
}

interface FieldRow { element: HTMLElement; name: TextField; kind: HTMLSelectElement; find: TextField }

export class FieldEditor {
  readonly element: HTMLElement;
  private readonly folder = textField(t('editor.folder'), { 'data-testid': 'folder' });
  private readonly files = h('input', { type: 'file', multiple: true, accept: 'image/*', 'aria-label': t('editor.files'), 'data-testid': 'files' });
  private readonly name = textField(t('editor.batchName'), { 'data-testid': 'batch-name' });
  private readonly language = textField(t('editor.language'), { 'data-testid': 'language', value: 'eng' });
  private readonly rowsElement = h('div', { class: 'field-rows', role: 'list', 'aria-label': t('editor.fields') });
  private readonly message = h('p', { class: 'form-message', role: 'alert', 'data-testid': 'form-message' });
  private readonly rows: FieldRow[] = [];
  private readonly templateName = textField(t('editor.templateName'), { 'data-testid': 'template-name' });

  /** `onSaveTemplate`: where the host can write workspace templates (VS Code); absent in a browser. */
  constructor(allowUpload: boolean, private readonly onStart: (request: FieldEditorRequest) => void, private readonly preview?: TemplatePreviewView,
    private readonly onSaveTemplate?: (template: Template) => void) {
    this.language.value = 'eng';
    this.element = h('section', { class: 'field-editor', 'aria-labelledby': 'editor-heading' },
      h('h3', { id: 'editor-heading' }, t('editor.heading')),
      h('div', { class: 'form-grid' }, this.folder, allowUpload && h('label', { class: 'upload' }, `${t('editor.orUpload')} `, this.files), this.name, this.language),
      h('h4', undefined, t('editor.fields')), this.rowsElement,
      h('div', { class: 'actions' },
        button(t('editor.addField'), () => this.addRow(), { secondary: true, 'data-testid': 'add-field' }),
        preview && button(t('editor.preview'), () => void this.runPreview(), { secondary: true, 'data-testid': 'preview-fields' }),
        button(t('editor.start'), () => this.submit(), { 'data-testid': 'start-batch' })),
      onSaveTemplate && h('div', { class: 'actions save-template' }, this.templateName,
        button(t('editor.saveTemplate'), () => this.saveTemplate(), { secondary: true, 'data-testid': 'save-template' })),
      this.message, preview?.element);
  }

  /** The folder typed or given by the host, if any: template authoring draws on its cards. */
  get folderPath(): string { return this.folder.value.trim(); }

  setFolder(folder: string, language?: string): void {
    this.folder.value = folder;
    if (language) { this.language.value = language; }
    this.element.scrollIntoView();
    this.folder.focus();
  }

  showProblem(text: string): void { this.message.textContent = text; }

  addRow(name = '', kind: FinderKind = 'label', find = ''): void {
    const row: FieldRow = {
      element: h('div', { class: 'field-row', role: 'listitem' }),
      name: textField(t('editor.fieldName'), { 'data-testid': 'field-name' }),
      kind: h('select', { 'aria-label': t('editor.howToFind'), class: 'select', 'data-testid': 'field-kind' }),
      find: textField(finderHint(kind), { 'data-testid': 'field-find' }),
    };
    for (const k of finderKinds) { row.kind.append(h('option', { value: k }, t(`finder.${k}`))); }
    row.kind.value = kind;
    row.kind.addEventListener('change', () => { row.find.setAttribute('placeholder', finderHint(row.kind.value as FinderKind)); });
    row.name.value = name;
    row.find.value = find;
    row.element.append(row.name, row.kind, row.find,
      h('span', { class: 'row-actions' },
        this.preview && button(t('editor.drawRegion'), () => void this.drawRegion(row), { secondary: true, 'data-testid': 'draw-region', 'aria-label': t('editor.drawRegionLabel') }),
        button(t('editor.remove'), () => this.removeRow(row), { secondary: true, 'aria-label': t('editor.removeField') })));
    this.rows.push(row);
    this.rowsElement.append(row.element);
  }

  private removeRow(row: FieldRow): void {
    this.rows.splice(this.rows.indexOf(row), 1);
    row.element.remove();
  }

  /** The drawn rectangle becomes the row's region (relative coordinates), then the fields are previewed. */
  private async drawRegion(row: FieldRow): Promise<void> {
    await this.preview?.draw((rect: RelativeRect) => {
      row.kind.value = 'region';
      row.find.setAttribute('placeholder', finderHint('region'));
      row.find.value = regionText(rect);
      if (!row.name.value.trim()) { row.name.value = `region_${this.rows.indexOf(row) + 1}`; }
      void this.runPreview();
    });
  }

  private async runPreview(): Promise<void> {
    const fields = this.collectFields();
    if (typeof fields === 'string') { this.showProblem(fields); return; }
    this.showProblem('');
    const language = Language.safeParse(this.language.value.trim());
    await this.preview?.run(fields, language.success ? language.data : undefined);
  }

  /** The rows as field specs, or what is wrong with the first bad one. */
  private collectFields(): FieldSpec[] | string {
    const fields: FieldSpec[] = [];
    for (const [index, row] of this.rows.entries()) {
      if (!row.name.value.trim() && !row.find.value.trim()) { continue; }   // an untouched row is not a field
      const finder = finderOf(row.kind.value as FinderKind, row.find.value);
      if (typeof finder === 'string') { return t('editor.fieldProblem', { index: index + 1, problem: finder }); }
      const parsed = FieldSpec.safeParse({ name: row.name.value.trim(), find: finder });
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return t('editor.fieldIssue', { index: index + 1, path: issue.path.join('.'), problem: issue.message });
      }
      fields.push(parsed.data);
    }
    return fields;
  }

  /** The rows as a workspace template named by the user; its id is the name in lower case with dashes. */
  private saveTemplate(): void {
    const fields = this.collectFields();
    if (typeof fields === 'string') { this.showProblem(fields); return; }
    const name = this.templateName.value.trim();
    const id = name.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 64);
    if (!id) { this.showProblem(t('editor.needTemplateName')); return; }
    if (fields.length === 0) { this.showProblem(t('editor.needFields')); return; }
    const language = Language.safeParse(this.language.value.trim());
    const template = Template.safeParse({ id, name, version: 1, fields, ...(language.success ? { language: language.data } : {}) });
    if (!template.success) { this.showProblem(template.error.issues[0]?.message ?? t('editor.needFields')); return; }
    this.showProblem('');
    this.onSaveTemplate?.(template.data);
  }

  private submit(): void {
    const fields = this.collectFields();
    if (typeof fields === 'string') { this.showProblem(fields); return; }
    const files = [...(this.files.files ?? [])];
    const folder = this.folder.value.trim();
    if (!folder && files.length === 0) { this.showProblem(t('editor.needFolder')); return; }
    const draft = {
      ...(files.length > 0 ? { uploadId: 'pending' } : { folder }),
      ...(this.name.value.trim() ? { name: this.name.value.trim() } : {}),
      language: this.language.value.trim() || 'eng',
      fields,
    };
    const body = CreateBatchBody.safeParse(draft);
    if (!body.success) {
      const issue = body.error.issues[0];
      this.showProblem(`${issue.path.join('.') || 'request'}: ${issue.message}`);
      return;
    }
    this.showProblem('');
    this.onStart({ body: body.data, files });
  }
}
