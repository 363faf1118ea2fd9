import { createApp } from 'vue';
import 'oz-liveness-elements'; // defines <oz-liveness-check> and <oz-result-banner>
import App from './App.vue';
import './app.css';

createApp(App).mount('#app');
