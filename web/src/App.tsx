import { BrowserRouter, Route, Routes } from 'react-router';
import { AuthProvider } from './auth';
import { ShopLayout } from './components/ShopLayout';
import { I18nProvider } from './i18n';
import { MerchantLayout } from './merchant/MerchantLayout';
import { MerchantHome } from './merchant/MerchantHome';
import { ProductEditorPage } from './merchant/ProductEditorPage';
import { Home } from './pages/Home';
import { Login } from './pages/Login';
import { Me } from './pages/Me';
import { NotFound } from './pages/NotFound';
import { ProductPage } from './pages/ProductPage';
import { Register } from './pages/Register';
import { StorePage } from './pages/StorePage';

export function App() {
  return (
    <I18nProvider>
      <AuthProvider>
        <BrowserRouter>
          <Routes>
            <Route element={<ShopLayout />}>
              <Route index element={<Home />} />
              <Route path="login" element={<Login />} />
              <Route path="register" element={<Register />} />
              <Route path="me" element={<Me />} />
              <Route path="stores/:storeId" element={<StorePage />} />
              <Route path="*" element={<NotFound />} />
            </Route>
            <Route path="products/:productId" element={<ProductPage />} />
            <Route path="merchant" element={<MerchantLayout />}>
              <Route index element={<MerchantHome />} />
              <Route path="products/new" element={<ProductEditorPage />} />
              <Route path="products/:productId" element={<ProductEditorPage />} />
            </Route>
          </Routes>
        </BrowserRouter>
      </AuthProvider>
    </I18nProvider>
  );
}
