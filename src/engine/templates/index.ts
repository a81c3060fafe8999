// The template library's door inside the engine (re-exported by src/engine/index.ts). Holds no logic.
export { listTemplates, resolveTemplate, saveTemplate, workspaceTemplatesDir, type TemplateEntry, type TemplateListing, type TemplateSource } from './template-store';
export { readTemplateFile } from './template-file';
export { bundledTemplatesDir } from './package-root';
