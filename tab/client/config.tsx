// The channel tab's configuration page: nothing to choose, Teams only needs to hear where the
// tab's content is and that the settings are valid.
import { app, pages } from '@microsoft/teams-js';

async function start() {
  await app.initialize();
  const here = `${location.origin}/tab`;
  pages.config.registerOnSaveHandler((save) => {
    pages.config
      .setConfig({ contentUrl: `${here}?context=channel`, websiteUrl: here, entityId: 'elevhalsan-arenden', suggestedDisplayName: 'Ärenden' })
      .then(() => save.notifySuccess(), () => save.notifyFailure('Fliken kunde inte sparas.'));
  });
  pages.config.setValidityState(true);
  app.notifySuccess();
}

void start();
