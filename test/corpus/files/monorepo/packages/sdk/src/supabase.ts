import { createClient } from '@supabase/supabase-js';

const url = 'https://wwhocggsyrrzqezwhwpa.supabase.co';
export const anonKey = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZSIsInJlZiI6InZvYnd2YWlyd21tbWZoaHh6dG95Iiwicm9sZSI6ImFub24iLCJpYXQiOjE3MDAwMDAwMDAsImV4cCI6MjAxNTU3NjAwMH0._5MmUcteCKX4eVg5szQUqTwQLTUIt8-V0TPQQbZggZ0';
// server-side only
const serviceRoleKey = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZSIsInJlZiI6InJtZ3ZybXhtdnh5cG9jYmxwc3ppIiwicm9sZSI6InNlcnZpY2Vfcm9sZSIsImlhdCI6MTcwMDAwMDAwMCwiZXhwIjoyMDE1NTc2MDAwfQ.aUSyhd1HY1W43Meizh26e-Ncj7KkQ-9QP9PSJ84CuLo';
export const admin = createClient(url, serviceRoleKey);
