import { z } from 'zod';
import { defineOperation } from '../define.js';
import { RubricInput, RubricView } from '../schemas/rubrics.js';

const exampleRubric: RubricView = {
  id: 1, name: 'Standard call review', description: 'Greeting, disclosure, verification, empathy, accuracy, resolution, closing, professionalism.',
  version: 1, isDefault: true, builtin: true, updatedAt: '2024-05-03T09:00:00.000Z',
  criteria: [
    { id: 'empathy', section: 'Soft skills', question: 'How well did the agent acknowledge the caller’s situation and feelings?', guidance: '', type: 'scale_1_5', weight: 15, allowNa: false, autoFail: false },
  ],
};

export const rubricOperations = {
  'rubrics.list': defineOperation({
    method: 'GET', path: '/api/v1/rubrics', tag: 'rubrics', role: 'agent', scope: 'none',
    summary: 'Every rubric with its criteria and version; the shipped default is created on first use.',
    input: z.object({}),
    output: z.array(RubricView),
    example: { input: {}, output: [exampleRubric] },
  }),
  'rubrics.save': defineOperation({
    method: 'POST', path: '/api/v1/rubrics', tag: 'rubrics', role: 'lead', blind: 'safe',
    summary: 'Create a rubric, or save a new version of the rubric with that name (analyses are cached per version, so a change re-scores).',
    input: RubricInput,
    output: RubricView,
    example: { input: { name: 'Standard call review', criteria: exampleRubric.criteria }, output: { ...exampleRubric, version: 2 } },
  }),
};
