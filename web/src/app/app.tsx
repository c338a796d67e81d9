import { BrowserRouter, Navigate, Route, Routes, useParams } from 'react-router-dom';
import { ConfirmEmailPage } from '../accounts/confirm-email-page.js';
import { SessionProvider, useSession, useSessionContext } from '../accounts/session-context.js';
import { SignInPage } from '../accounts/sign-in-page.js';
import { SignUpPage } from '../accounts/sign-up-page.js';
import { describeError } from '../api/client.js';
import { EnrolmentPage } from '../assessment/enrolment-page.js';
import { ReviewPage } from '../assessment/review-page.js';
import { AchievementEditorPage, NewAchievementPage } from '../catalog/achievement-editor-page.js';
import { organisationAreas, organisationItemsFor, personalAreas, platformAreas, publicAreas } from '../navigation/navigation.js';
import { NotificationsPage } from '../notifications/notifications-page.js';
import { WalletCredentialPage } from '../wallet/wallet-credential-page.js';
import { SharePage } from '../sharing/share-page.js';
import { Page } from '../ui/page.js';
import { RequireOrganisationArea, RequirePlatformAdmin, RequireSession } from './guards.js';
import { Layout } from './layout.js';
import { NotFoundPage } from './not-found-page.js';
import { organisationPages, personalPages, platformPages, publicPages } from './pages.js';

export function App() {
  return (
    <BrowserRouter>
      <SessionProvider>
        <SessionGate />
      </SessionProvider>
    </BrowserRouter>
  );
}

/** Routes are only decided once we know who is signed in, so nobody is bounced to sign-in by mistake. */
function SessionGate() {
  const { state, reload } = useSessionContext();
  if (state.status === 'loading') {
    return (
      <p className="app-loading" role="status">
        Loading Tessera…
      </p>
    );
  }
  if (state.status === 'failed') {
    return (
      <main className="main app-unavailable">
        <Page title="Tessera is unavailable" lead={describeError(state.error)}>
          <button type="button" className="button button-primary" onClick={() => void reload()}>
            Try again
          </button>
        </Page>
      </main>
    );
  }
  return <AppRoutes />;
}

/** `/` has no page of its own: a learner's credentials when signed in, the catalogue otherwise. */
function Home() {
  const session = useSession();
  return <Navigate to={session ? personalAreas[0].href : publicAreas[0].href} replace />;
}

/** `/orgs/:slug` opens the first area the person has there, or is not found for outsiders. */
function OrganisationHome() {
  const session = useSession();
  const { slug = '' } = useParams();
  const first = organisationItemsFor(session, slug)[0];
  return first ? <Navigate to={first.href} replace /> : <NotFoundPage />;
}

function AppRoutes() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<Home />} />
        <Route path="sign-in" element={<SignInPage />} />
        <Route path="sign-up" element={<SignUpPage />} />
        <Route path="confirm-email" element={<ConfirmEmailPage />} />
        {publicAreas.map(({ id, href }) => {
          const Screen = publicPages[id];
          return <Route key={id} path={href} element={<Screen />} />;
        })}
        {personalAreas.map(({ id, href }) => {
          const Screen = personalPages[id];
          return <Route key={id} path={href} element={<RequireSession><Screen /></RequireSession>} />;
        })}
        {organisationAreas.map(({ id, segment }) => {
          const Screen = organisationPages[id];
          const element = (
            <RequireSession>
              <RequireOrganisationArea area={id}>
                <Screen />
              </RequireOrganisationArea>
            </RequireSession>
          );
          return <Route key={id} path={`orgs/:slug/${segment}`} element={element} />;
        })}
        <Route path="wallet/:credentialId" element={<RequireSession><WalletCredentialPage /></RequireSession>} />
        <Route path="s/:token" element={<SharePage />} />
        <Route path="notifications" element={<RequireSession><NotificationsPage /></RequireSession>} />
        <Route path="learning/:enrolmentId" element={<RequireSession><EnrolmentPage /></RequireSession>} />
        <Route path="orgs/:slug/reviews/:enrolmentId" element={<RequireSession><RequireOrganisationArea area="org-reviews"><ReviewPage /></RequireOrganisationArea></RequireSession>} />
        <Route path="orgs/:slug/achievements/edit/new" element={<RequireSession><RequireOrganisationArea area="org-achievements"><NewAchievementPage /></RequireOrganisationArea></RequireSession>} />
        <Route path="orgs/:slug/achievements/edit/:achievementId" element={<RequireSession><RequireOrganisationArea area="org-achievements"><AchievementEditorPage /></RequireOrganisationArea></RequireSession>} />
        <Route path="orgs/:slug" element={<RequireSession><OrganisationHome /></RequireSession>} />
        {platformAreas.map(({ id, href }) => {
          const Screen = platformPages[id];
          const element = (
            <RequireSession>
              <RequirePlatformAdmin>
                <Screen />
              </RequirePlatformAdmin>
            </RequireSession>
          );
          return <Route key={id} path={href} element={element} />;
        })}
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
