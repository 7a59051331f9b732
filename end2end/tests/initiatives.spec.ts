import { test, expect, expectAccessible, waitForHydration, uniqueEmail, signUp, createAdmin } from './support';

/// A 64×48 green PNG.
const PHOTO = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAEAAAAAwCAIAAAAuKetIAAAAZElEQVR4nO3PUQkAIBTAwJfETAYztCH8OITBAtxmnf11wwUNaEEDWtCAFjSgBQ1oQQNa0IAWNKAFDWhBA1rQgBY0oAUNaEEDWtCAFjSgBQ1oQQNa0IAWNKAFDWhBA1rQgBY8dgF5Tbim/zdidAAAAABJRU5ErkJggg==', 'base64');

test('a spotter records an initiative, a moderator publishes it, a French reader finds its translation', async ({
  page,
  browser,
  consoleErrors,
}) => {
  const unique = `${Date.now()}`.slice(-6);
  const title = `Belleville Tool Library ${unique}`;
  await signUp(page, 'Sam Spotter', uniqueEmail('sam'));

  // The editor: a draft first, refused fields explained, then a submission.
  await page.getByRole('link', { name: 'My initiatives' }).click();
  await page.getByRole('link', { name: 'Record an initiative' }).click();
  await waitForHydration(page);
  await expectAccessible(page);
  await page.getByLabel('Name of the initiative').fill(title);
  await page.getByLabel('In one or two sentences').fill('Neighbours lend each other drills, ladders and sewing machines.');
  await page.getByLabel('Description').fill('## How it works\n\n- borrow a tool for a week\n- **free** for members');
  await page.getByLabel('City').fill('Nowhereville');
  await page.getByLabel('Economy and work').check();
  await page.getByLabel('Year it started').fill('2016');
  await page.getByLabel('Founders', { exact: true }).fill('Ada Lovelace\nGrace Hopper');
  await page.getByRole('button', { name: 'Submit for review' }).click();
  await expect(page.locator('#initiative-city-error')).toContainText('We do not know this city.');
  // What was typed is still there; the city is corrected from the suggestions.
  await expect(page.getByLabel('Name of the initiative')).toHaveValue(title);
  await page.getByLabel('City').fill('paris');
  await expect(page.locator('#city-suggestions option[value="Paris, France"]')).toHaveCount(1);
  await page.getByLabel('City').fill('Paris, France');
  await page.getByRole('button', { name: 'Submit for review' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page.getByRole('status')).toContainText("Submitted: waiting for a moderator's review.");
  await expect(page.locator('.description h2')).toHaveText('How it works');
  await expectAccessible(page);
  const initiativeUrl = page.url();

  // A photo, from the edit page (a plain upload form).
  await page.getByRole('link', { name: 'Edit this initiative' }).click();
  await waitForHydration(page);
  await page.getByLabel('Photo', { exact: true }).setInputFiles({ name: 'tools.png', mimeType: 'image/png', buffer: PHOTO });
  await page.getByLabel('What the photo shows').fill('Drills and ladders on a shelf');
  await page.getByRole('button', { name: 'Add the photo' }).click();
  await expect(page.getByRole('img', { name: 'Drills and ladders on a shelf' })).toBeVisible();
  await expectAccessible(page);
  await page.goto(initiativeUrl);
  await expect(page.locator('.gallery img')).toHaveAttribute('alt', 'Drills and ladders on a shelf');

  // A French translation, from the initiative's page.
  await waitForHydration(page);
  await page.getByLabel('Language of the translation').selectOption('fr');
  await page.locator('#translation-title').fill(`Outilthèque de Belleville ${unique}`);
  await page.locator('#translation-summary').fill('Les voisins se prêtent perceuses, échelles et machines à coudre.');
  await page.locator('#translation-description').fill('Empruntez un outil pour une semaine.');
  await page.getByRole('button', { name: 'Save the translation' }).click();
  await expect(page.locator('.form-saved')).toHaveText('The translation is saved.');

  // Not public yet.
  const visitorContext = await browser.newContext({ locale: 'fr-FR' });
  const visitor = await visitorContext.newPage();
  await visitor.goto(initiativeUrl);
  await expect(visitor.getByRole('heading', { level: 1 })).toHaveText('Page introuvable');

  // A moderator publishes it from the review queue.
  const moderatorContext = await browser.newContext({ locale: 'en-GB' });
  const moderator = await moderatorContext.newPage();
  const moderatorEmail = uniqueEmail('mona');
  await signUp(moderator, 'Mona Moderator', moderatorEmail);
  createAdmin(moderatorEmail);
  await moderator.goto('/review');
  await expectAccessible(moderator);
  await moderator.getByRole('link', { name: title }).click();
  await waitForHydration(moderator);
  await moderator.getByRole('button', { name: 'Publish' }).click();
  await expect(moderator.getByRole('heading', { name: 'Review' })).toHaveCount(1);
  await expect(moderator.getByRole('button', { name: 'Unpublish' })).toBeVisible();

  // A member says she is one of its founders; the moderator confirms it, and her name gets a badge.
  const founderContext = await browser.newContext({ locale: 'en-GB' });
  const founder = await founderContext.newPage();
  await signUp(founder, 'Ada', uniqueEmail('ada'));
  await founder.goto(initiativeUrl);
  await waitForHydration(founder);
  await founder.getByLabel('I am').selectOption('Ada Lovelace');
  await founder.getByRole('button', { name: 'Link this founder to my account' }).click();
  await expect(founder.getByText('You said you are Ada Lovelace: the spotter has been asked to confirm it.')).toBeVisible();
  await expectAccessible(founder);
  await founderContext.close();
  await moderator.goto(initiativeUrl);
  await waitForHydration(moderator);
  await expect(moderator.getByText('Ada says they are Ada Lovelace.')).toBeVisible();
  await moderator.getByRole('button', { name: 'Confirm' }).click();
  await expect(moderator.locator('.founders li', { hasText: 'Ada Lovelace' }).locator('.badge')).toHaveText('member');
  await expect(moderator.getByText('Ada says they are Ada Lovelace.')).toHaveCount(0);
  await expectAccessible(moderator);
  await moderatorContext.close();

  // A French visitor searches without accents, narrows by country, opens it in French.
  await visitor.goto('/initiatives');
  await visitor.getByLabel('Rechercher des initiatives').fill(`outiltheque ${unique}`);
  await visitor.getByRole('button', { name: 'Rechercher' }).click();
  await expect(visitor).toHaveURL(/q=outiltheque/);
  await expect(visitor.locator('#results-count')).toHaveText('Initiatives trouvées : 1');
  await visitor.getByRole('link', { name: /France/ }).click();
  await expect(visitor).toHaveURL(/country=FR/);
  await expectAccessible(visitor);

  // The same search on the map: tiles come from OpenStreetMap, stubbed here (no network in tests).
  await visitor.route('https://tile.openstreetmap.org/**', (route) =>
    route.fulfill({ contentType: 'image/png', body: PHOTO }),
  );
  await visitor.getByRole('link', { name: 'Voir sur une carte' }).click();
  await expect(visitor).toHaveURL(/\/initiatives\/map\?.*country=FR/);
  await expect(visitor.locator('#initiative-map[data-ready="true"]')).toHaveCount(1);
  await expect(visitor.getByRole('button', { name: `Outilthèque de Belleville ${unique}` })).toBeVisible();
  await expectAccessible(visitor);
  await visitor.getByRole('link', { name: 'Afficher en liste' }).click();
  await expect(visitor).toHaveURL(/\/initiatives\?.*country=FR/);
  await visitor.getByRole('link', { name: `Outilthèque de Belleville ${unique}` }).click();
  await expect(visitor.getByRole('heading', { level: 1 })).toHaveText(`Outilthèque de Belleville ${unique}`);
  await expect(visitor.locator('.language-note')).toHaveText('Traduction (langue d’origine : anglais)');
  await expectAccessible(visitor);

  // A search that finds nothing says so and offers to drop the filters.
  await visitor.goto('/initiatives?q=zzzznothing&country=FR');
  await expect(visitor.getByText('Aucune initiative ne correspond à cette recherche.')).toBeVisible();
  await visitor.getByRole('link', { name: 'rechercher sans filtre' }).click();
  await expect(visitor).not.toHaveURL(/country=/);
  await visitorContext.close();
  expect(consoleErrors).toEqual([]);
});
