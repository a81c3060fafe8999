// A learned finder's model file (`<template>.model.json`): written by `card-ocr learn`, read by the engine.
import { z } from 'zod';

/** A linear-chain CRF as stored: state weights kept sparse (label index, weight pairs per attribute). */
export const StoredCrf = z.object({
  /** Label names; index 0 is "none" for token models. */
  labels: z.array(z.string()).min(1),
  attributes: z.array(z.string()),
  /** Per attribute: [label, weight, label, weight, …]; weights too small to matter are left out. */
  state: z.array(z.array(z.number())),
  /** labels × labels, row = previous label. */
  transitions: z.array(z.number()),
  start: z.array(z.number()),
}).refine(c => c.state.length === c.attributes.length && c.transitions.length === c.labels.length ** 2 && c.start.length === c.labels.length,
  'state, transitions and start must fit the labels and attributes');
export type StoredCrf = z.infer<typeof StoredCrf>;

/** How a field's value is tidied after its tokens are joined: edge characters the checked values never keep. */
export const LearnedFieldRule = z.object({
  trimLeading: z.string(),
  trimTrailing: z.string(),
  /** Keep every run of the field's tokens (a list field, e.g. notes in paragraphs); else the likeliest run only. */
  allRuns: z.boolean().optional(),
  /** Words typed in capitals become title case (`MÜLLER` → `Müller`): the checked values were mostly written so. */
  titleCaseCaps: z.boolean().optional(),
  /** Marks OCR glued to the value's last word, and what the checked values made of them (`!` → `'`). */
  markMap: z.record(z.string(), z.string()).optional(),
  /** The start most checked values share (`B.51.322.GB.`): a value starting with a misreading of it is put right. */
  fixedPrefix: z.string().optional(),
  /** Values checked on several cards (a town): a found value close to one of them is taken for it. */
  knownValues: z.array(z.string()).optional(),
  /** Shapes of the checked values (`X.d.d.X.d.` for `B.51.322.GB.87.`), where a few cover nearly all: a value of
   *  another shape is taken from a retry reading of its zone when one gives a value of these shapes. */
  shapes: z.array(z.string()).optional(),
  /** Nearly every checked card had a value: an empty one is taken from a retry reading of its zone that gives one. */
  required: z.boolean().optional(),
  /** Typographic rewrites the checked values bore out (see value-rewrites: `space-after-stop`, …), in order. */
  rewrites: z.array(z.string()).optional(),
  /** Marks no checked value holds that OCR read as words of their own inside the value (`„`): left out. */
  strayMarks: z.string().optional(),
  /** The learned zone the field is read from (its index among the template's zones); absent: the page. */
  zone: z.number().int().nonnegative().optional(),
});
export type LearnedFieldRule = z.infer<typeof LearnedFieldRule>;

export const LearnedModel = z.object({
  format: z.literal('card-ocr-learned-model'),
  version: z.literal(1),
  trainedAt: z.string(),
  /** Cards the model was trained on. */
  cards: z.number().int().nonnegative(),
  /** Labels each OCR token with a field or none. */
  tokens: StoredCrf,
  fields: z.record(z.string(), LearnedFieldRule),
  /** Fields whose value is one of a few classes not typed on the card (e.g. a card type): one CRF step per card. */
  classes: z.record(z.string(), StoredCrf),
  /** One token model per other reading of the whole card (a page learned field's `ocr.retry`), by the reading's
   *  stored key: each reading is labelled by a model trained on readings like it. */
  readings: z.array(z.object({ key: z.string(), tokens: StoredCrf })).optional(),
});
export type LearnedModel = z.infer<typeof LearnedModel>;
