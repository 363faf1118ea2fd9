import 'oz-liveness-elements'; // defines <oz-liveness-check> and <oz-result-banner> before the app renders
import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';

const target = document.getElementById('app');
if (!target) throw new Error('no #app');
mount(App, { target });
