import { lazy, Suspense } from 'react';
import { BrowserRouter, Outlet, Route, Routes } from 'react-router';
import { AuthProvider } from './auth';
import { ShopLayout } from './components/ShopLayout';
import { I18nProvider } from './i18n';
import { Home } from './pages/Home';
import { Login } from './pages/Login';
import { CartPage } from './pages/CartPage';
import { AddressBook } from './pages/AddressBook';
import { AddressEdit } from './pages/AddressEdit';
import { ConfirmOrder } from './pages/ConfirmOrder';
import { AfterSalesApply } from './pages/AfterSalesApply';
import { AfterSalesCasePage } from './pages/AfterSalesCasePage';
import { AfterSalesList } from './pages/AfterSalesList';
import { CouponWallet } from './pages/CouponWallet';
import { Me } from './pages/Me';
import { NotFound } from './pages/NotFound';
import { OrderDetail } from './pages/OrderDetail';
import { OrdersPage } from './pages/OrdersPage';
import { PayPage } from './pages/PayPage';
import { ProductPage } from './pages/ProductPage';
import { Register } from './pages/Register';
import { StorePage } from './pages/StorePage';

// The merchant console is a separate chunk: shoppers on phones never download it.
const MerchantLayout = lazy(() => import('./merchant/MerchantLayout').then((m) => ({ default: m.MerchantLayout })));
const MerchantHome = lazy(() => import('./merchant/MerchantHome').then((m) => ({ default: m.MerchantHome })));
const ProductEditorPage = lazy(() => import('./merchant/ProductEditorPage').then((m) => ({ default: m.ProductEditorPage })));
const MerchantOrders = lazy(() => import('./merchant/MerchantOrders').then((m) => ({ default: m.MerchantOrders })));
const AfterSalesQueue = lazy(() => import('./merchant/AfterSalesQueue').then((m) => ({ default: m.AfterSalesQueue })));
const CouponManager = lazy(() => import('./merchant/CouponManager').then((m) => ({ default: m.CouponManager })));
const StatementPage = lazy(() => import('./merchant/StatementPage').then((m) => ({ default: m.StatementPage })));
// The creator studio is its own chunk too; the player (and hls.js, loaded by it) only when a video opens.
const StudioLayout = lazy(() => import('./studio/StudioLayout').then((m) => ({ default: m.StudioLayout })));
const StudioList = lazy(() => import('./studio/StudioList').then((m) => ({ default: m.StudioList })));
const StudioUpload = lazy(() => import('./studio/StudioUpload').then((m) => ({ default: m.StudioUpload })));
const StudioVideo = lazy(() => import('./studio/StudioVideo').then((m) => ({ default: m.StudioVideo })));
const VideoPage = lazy(() => import('./video/VideoPage').then((m) => ({ default: m.VideoPage })));
// Live rooms: the viewer's room and the 直播 list, and the host console in the studio.
const LiveRoomPage = lazy(() => import('./live/LiveRoomPage').then((m) => ({ default: m.LiveRoomPage })));
const LiveListPage = lazy(() => import('./live/LiveListPage').then((m) => ({ default: m.LiveListPage })));
const LiveRooms = lazy(() => import('./studio/live/LiveRooms').then((m) => ({ default: m.LiveRooms })));
// Distribution: the 推荐 feed, and the operators' console for its settings.
const FeedPage = lazy(() => import('./feed/FeedPage').then((m) => ({ default: m.FeedPage })));
const OpsLayout = lazy(() => import('./ops/OpsLayout').then((m) => ({ default: m.OpsLayout })));
const DistributionPage = lazy(() => import('./ops/DistributionPage').then((m) => ({ default: m.DistributionPage })));
const LiveConsole = lazy(() => import('./studio/live/LiveConsole').then((m) => ({ default: m.LiveConsole })));
// The mall's category pages and 热卖榜: chunks of their own, loaded when a shopper opens one.
const CategoryPage = lazy(() => import('./mall/CategoryPage').then((m) => ({ default: m.CategoryPage })));
const RankPage = lazy(() => import('./mall/RankPage').then((m) => ({ default: m.RankPage })));
// 精选联盟: the store's plans, applications and sales by creator (merchant console); the creator's
// market, showcase and earnings (studio). Chunks of their own.
const AlliancePlans = lazy(() => import('./alliance/AlliancePlans').then((m) => ({ default: m.AlliancePlans })));
const AllianceApplications = lazy(() => import('./alliance/AllianceApplications').then((m) => ({ default: m.AllianceApplications })));
const AllianceCreators = lazy(() => import('./alliance/AllianceCreators').then((m) => ({ default: m.AllianceCreators })));
const MarketPage = lazy(() => import('./alliance/MarketPage').then((m) => ({ default: m.MarketPage })));
const ShowcasePage = lazy(() => import('./alliance/ShowcasePage').then((m) => ({ default: m.ShowcasePage })));
const EarningsPage = lazy(() => import('./alliance/EarningsPage').then((m) => ({ default: m.EarningsPage })));
// 评价: the full list of a product's reviews, the review form, the store's 评价管理. Chunks of their own.
const ProductReviewsPage = lazy(() => import('./reviews/ProductReviewsPage').then((m) => ({ default: m.ProductReviewsPage })));
const WriteReviewPage = lazy(() => import('./reviews/WriteReviewPage').then((m) => ({ default: m.WriteReviewPage })));
const MerchantReviews = lazy(() => import('./reviews/MerchantReviews').then((m) => ({ default: m.MerchantReviews })));
// NPS: the operators' dashboard and the store's NPS in the merchant console. Chunks of their own.
const MerchantPenalties = lazy(() => import('./governance/MerchantPenalties').then((m) => ({ default: m.MerchantPenalties })));
const Reputation = lazy(() => import('./studio/Reputation').then((m) => ({ default: m.Reputation })));
const ReportQueue = lazy(() => import('./governance/ReportQueue').then((m) => ({ default: m.ReportQueue })));
const NpsDashboard = lazy(() => import('./experience/NpsDashboard').then((m) => ({ default: m.NpsDashboard })));
const MerchantNps = lazy(() => import('./experience/MerchantNps').then((m) => ({ default: m.MerchantNps })));
// 商家体验分: the store's score in the merchant console and every store's for operators. Chunks of their own.
const ScoreMerchant = lazy(() => import('./experience/ScoreMerchant').then((m) => ({ default: m.ScoreMerchant })));
const ScoreOps = lazy(() => import('./experience/ScoreOps').then((m) => ({ default: m.ScoreOps })));
// Campaigns: the public campaign page, the store's 营销活动 and the operators' 活动管理. Chunks of their own.
const CampaignPage = lazy(() => import('./campaigns/CampaignPage').then((m) => ({ default: m.CampaignPage })));
const MerchantCampaigns = lazy(() => import('./campaigns/MerchantCampaigns').then((m) => ({ default: m.MerchantCampaigns })));
const OpsCampaigns = lazy(() => import('./campaigns/OpsCampaigns').then((m) => ({ default: m.OpsCampaigns })));
// Insights (数据罗盘): the store's, the creator's and the platform's dashboards, with ECharts. Chunks of their own.
const MerchantInsights = lazy(() => import('./insights/MerchantInsights').then((m) => ({ default: m.MerchantInsights })));
const CreatorInsights = lazy(() => import('./insights/CreatorInsights').then((m) => ({ default: m.CreatorInsights })));
const PlatformInsights = lazy(() => import('./insights/PlatformInsights').then((m) => ({ default: m.PlatformInsights })));
const OpsStoreInsights = lazy(() => import('./insights/OpsStoreInsights').then((m) => ({ default: m.OpsStoreInsights })));
// Search results: its own chunk, with its own top bar (no tab bar).
const SearchPage = lazy(() => import('./search/SearchPage').then((m) => ({ default: m.SearchPage })));
// A creator's page (达人主页: 作品 and 橱窗): its own chunk.
const CreatorPage = lazy(() => import('./pages/CreatorPage').then((m) => ({ default: m.CreatorPage })));
// 客服: the help centre, the shopper's chat and balance, the agents' desk, the store's and the
// platform's agents. Chunks of their own.
const HelpCenter = lazy(() => import('./care/HelpCenter').then((m) => ({ default: m.HelpCenter })));
const TicketChatPage = lazy(() => import('./care/TicketChat').then((m) => ({ default: m.TicketChatPage })));
const NewTicketChat = lazy(() => import('./care/TicketChat').then((m) => ({ default: m.NewTicketChat })));
const BalancePage = lazy(() => import('./care/BalancePage').then((m) => ({ default: m.BalancePage })));
const DeskLayout = lazy(() => import('./care/DeskLayout').then((m) => ({ default: m.DeskLayout })));
const DeskPage = lazy(() => import('./care/DeskPage').then((m) => ({ default: m.DeskPage })));
const DeskApprovals = lazy(() => import('./care/DeskApprovals').then((m) => ({ default: m.DeskApprovals })));
const MerchantCare = lazy(() => import('./care/MerchantCare').then((m) => ({ default: m.MerchantCare })));
const OpsCare = lazy(() => import('./care/OpsCare').then((m) => ({ default: m.OpsCare })));

/** Shopper pages with their own bottom bar (no tab bar). */
function BareShop() {
  return (
    <div className="shop shop-bare">
      <Outlet />
    </div>
  );
}

export function App() {
  return (
    <I18nProvider>
      <AuthProvider>
        <BrowserRouter>
          <Suspense fallback={null}>
          <Routes>
            <Route element={<ShopLayout />}>
              <Route index element={<Home />} />
              <Route path="login" element={<Login />} />
              <Route path="register" element={<Register />} />
              <Route path="me" element={<Me />} />
              <Route path="stores/:storeId" element={<StorePage />} />
              <Route path="creators/:creatorId" element={<CreatorPage />} />
              <Route path="categories/:categoryId" element={<CategoryPage />} />
              <Route path="rank" element={<RankPage />} />
              <Route path="orders" element={<OrdersPage />} />
              <Route path="live" element={<LiveListPage />} />
              <Route path="*" element={<NotFound />} />
            </Route>
            <Route path="products/:productId" element={<ProductPage />} />
            <Route path="products/:productId/reviews" element={<ProductReviewsPage />} />
            <Route path="orders/:orderId/review/:lineNo" element={<WriteReviewPage />} />
            <Route path="search" element={<SearchPage />} />
            <Route path="campaigns/:campaignId" element={<CampaignPage />} />
            <Route path="videos/:videoId" element={<VideoPage />} />
            <Route path="live/:roomId" element={<LiveRoomPage />} />
            <Route path="feed" element={<FeedPage />} />
            <Route element={<BareShop />}>
              <Route path="cart" element={<CartPage />} />
              <Route path="checkout" element={<ConfirmOrder />} />
              <Route path="me/addresses" element={<AddressBook />} />
              <Route path="me/addresses/new" element={<AddressEdit />} />
              <Route path="me/addresses/:addressId" element={<AddressEdit />} />
              <Route path="me/coupons" element={<CouponWallet />} />
              <Route path="me/balance" element={<BalancePage />} />
              <Route path="help" element={<HelpCenter />} />
              <Route path="help/new" element={<NewTicketChat />} />
              <Route path="help/tickets/:ticketId" element={<TicketChatPage />} />
              <Route path="orders/:orderId/after-sales" element={<AfterSalesApply />} />
              <Route path="after-sales" element={<AfterSalesList />} />
              <Route path="after-sales/:caseId" element={<AfterSalesCasePage />} />
              <Route path="orders/:orderId" element={<OrderDetail />} />
            </Route>
            <Route path="pay/:providerRef" element={<PayPage />} />
            <Route path="merchant" element={<MerchantLayout />}>
              <Route index element={<MerchantHome />} />
              <Route path="products/new" element={<ProductEditorPage />} />
              <Route path="products/:productId" element={<ProductEditorPage />} />
              <Route path="orders" element={<MerchantOrders />} />
              <Route path="statement" element={<StatementPage />} />
              <Route path="after-sales" element={<AfterSalesQueue />} />
              <Route path="coupons" element={<CouponManager />} />
              <Route path="alliance" element={<AlliancePlans />} />
              <Route path="alliance/applications" element={<AllianceApplications />} />
              <Route path="alliance/creators" element={<AllianceCreators />} />
              <Route path="reviews" element={<MerchantReviews />} />
              <Route path="nps" element={<MerchantNps />} />
              <Route path="experience" element={<ScoreMerchant />} />
              <Route path="care" element={<MerchantCare />} />
              <Route path="penalties" element={<MerchantPenalties />} />
              <Route path="campaigns" element={<MerchantCampaigns />} />
              <Route path="insights" element={<MerchantInsights />} />
            </Route>
            <Route path="ops" element={<OpsLayout />}>
              <Route index element={<DistributionPage />} />
              <Route path="distribution" element={<DistributionPage />} />
              <Route path="nps" element={<NpsDashboard />} />
              <Route path="experience" element={<ScoreOps />} />
              <Route path="care" element={<OpsCare />} />
              <Route path="governance" element={<ReportQueue />} />
              <Route path="campaigns" element={<OpsCampaigns />} />
              <Route path="insights" element={<PlatformInsights />} />
              <Route path="insights/stores/:storeId" element={<OpsStoreInsights />} />
            </Route>
            <Route path="desk" element={<DeskLayout />}>
              <Route index element={<DeskPage />} />
              <Route path="approvals" element={<DeskApprovals />} />
            </Route>
            <Route path="studio" element={<StudioLayout />}>
              <Route index element={<StudioList />} />
              <Route path="new" element={<StudioUpload />} />
              <Route path="videos/:videoId" element={<StudioVideo />} />
              <Route path="live" element={<LiveRooms />} />
              <Route path="live/:roomId" element={<LiveConsole />} />
              <Route path="market" element={<MarketPage />} />
              <Route path="showcase" element={<ShowcasePage />} />
              <Route path="earnings" element={<EarningsPage />} />
              <Route path="reputation" element={<Reputation />} />
              <Route path="insights" element={<CreatorInsights />} />
            </Route>
          </Routes>
          </Suspense>
        </BrowserRouter>
      </AuthProvider>
    </I18nProvider>
  );
}
