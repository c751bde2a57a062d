import './global.css';
import './app';
