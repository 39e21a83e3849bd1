/** A card's title as the page's second heading level (the page title is the h1), at the card-title size. */
export const cardTitle = (text: string) => <h2 style={{ fontSize: 16, margin: 0 }}>{text}</h2>;
