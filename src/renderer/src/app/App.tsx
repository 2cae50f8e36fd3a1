export function App() {
  return (
    <div className="app">
      <main className="app-main">Spyglass</main>
    </div>
  );
}
