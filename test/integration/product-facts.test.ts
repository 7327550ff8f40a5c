/**
 * A product's pricing, underlying model and filing number (issue 14): optional, checked like every
 * field, stored as null when left out (an empty form control included), shown once public, and an
 * edit of an approved product waits in its revision like the rest of the text.
 */
import { describe, expect, it } from 'vitest';
import { testApp } from '../factories/app';
import { insertCompany } from '../factories/records';
import { writeHeaders } from '../factories/session';
import { productBody, signedIn } from '../factories/submissions';

const { app, db } = await testApp();
const founder = await signedIn(db);
const company = await insertCompany(db, founder.user.id);

const submit = (overrides: Record<string, unknown>) =>
  app.request('/api/v1/products', {
    method: 'POST',
    headers: writeHeaders(founder.cookie),
    body: JSON.stringify(productBody(company.id, overrides)),
  });

describe('pricing, model and filing number', () => {
  it('are stored as given, and as null when left out or empty', async () => {
    const given = await submit({
      pricing: 'freemium',
      model: '行业大模型 3.0',
      filingNumber: 'Hubei-2025-0001',
    });
    expect(given.status).toBe(201);
    expect(await given.json()).toMatchObject({
      pricing: 'freemium',
      model: '行业大模型 3.0',
      filingNumber: 'Hubei-2025-0001',
    });
    const empty = await submit({ pricing: '', model: '', filingNumber: '' });
    expect(empty.status).toBe(201);
    expect(await empty.json()).toMatchObject({ pricing: null, model: null, filingNumber: null });
  });

  it('refuse an unknown pricing and a model with a line break, with field errors', async () => {
    const res = await submit({ pricing: 'cheap', model: '第一行\n第二行' });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { errors: Record<string, string[]> };
    expect(Object.keys(body.errors).sort()).toEqual(['model', 'pricing']);
  });
});
