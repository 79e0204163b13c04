import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import './styles/base.css';
import './styles/shop.css';
import './styles/merchant.css';
import './styles/commerce.css';
import './styles/console.css';
import './styles/checkout.css';
import './styles/aftersales.css';
import './styles/mall.css';
import './styles/search.css';

const root = document.getElementById('root');
if (!root) throw new Error('#root missing');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
