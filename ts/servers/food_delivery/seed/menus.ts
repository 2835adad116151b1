/**
 * Restaurant and menu templates the seed draws from: restaurant names per cuisine, dishes with
 * prices and dietary tags, and the modifier groups (required choices, optional extras) a dish
 * offers. Option ids are prefixed by their group ("size_large", "spice_hot") so they are unique
 * within a dish. Seed data: its rules are checked by the seed-invariant tests.
 */
import type { Cuisine, Dietary } from "../catalog.ts";

export interface OptionTemplate {
  readonly slug: string;
  readonly name: string;
  readonly price: number;
}

export interface GroupTemplate {
  readonly id: string;
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly options: readonly OptionTemplate[];
}

const o = (slug: string, name: string, price = 0): OptionTemplate => ({ slug, name, price });
const required = (id: string, name: string, options: OptionTemplate[]): GroupTemplate => ({ id, name, min: 1, max: 1, options });
const extras = (id: string, name: string, max: number, options: OptionTemplate[]): GroupTemplate => ({ id, name, min: 0, max, options });

export const GROUPS = {
  pizza_size: required("size", "Size", [o("small", 'Small 10"'), o("medium", 'Medium 12"', 3), o("large", 'Large 14"', 6)]),
  crust: required("crust", "Crust", [o("classic", "Classic hand-tossed"), o("thin", "Thin & crispy"), o("gluten_free", "Gluten-free", 2.5)]),
  toppings: extras("topping", "Extra toppings", 4, [
    o("pepperoni", "Pepperoni", 2),
    o("mushrooms", "Mushrooms", 1.5),
    o("olives", "Black olives", 1.5),
    o("extra_cheese", "Extra cheese", 2),
    o("jalapenos", "Jalapeños", 1),
    o("basil", "Fresh basil", 1),
  ]),
  wing_sauce: required("sauce", "Sauce", [
    o("buffalo", "Classic buffalo"),
    o("bbq", "Smoky BBQ"),
    o("garlic_parm", "Garlic parmesan"),
    o("mango_habanero", "Mango habanero"),
  ]),
  soda: required("flavor", "Flavor", [o("cola", "Cola"), o("diet_cola", "Diet cola"), o("lemon_lime", "Lemon-lime"), o("ginger_ale", "Ginger ale")]),
  add_protein: extras("protein", "Add protein", 1, [
    o("chicken", "Grilled chicken", 4),
    o("shrimp", "Garlic shrimp", 6),
    o("salmon", "Seared salmon", 7),
    o("tofu", "Baked tofu", 3),
  ]),
  pasta_shape: required("pasta", "Pasta", [o("penne", "Penne"), o("rigatoni", "Rigatoni"), o("gluten_free", "Gluten-free penne", 2)]),
  protein_mex: required("protein", "Protein", [
    o("chicken", "Chicken"),
    o("steak", "Steak", 2.5),
    o("carnitas", "Carnitas", 1),
    o("barbacoa", "Barbacoa", 2.5),
    o("sofritas", "Sofritas"),
  ]),
  salsa: extras("salsa", "Salsa", 2, [o("pico", "Fresh tomato (mild)"), o("verde", "Tomatillo green (medium)"), o("roja", "Red chili (hot)")]),
  mex_extras: extras("extra", "Extras", 3, [
    o("guacamole", "Guacamole", 2.25),
    o("queso", "Queso", 1.75),
    o("sour_cream", "Sour cream", 0.75),
    o("fajita_veggies", "Fajita veggies", 0.5),
  ]),
  tortilla: required("tortilla", "Tortilla", [o("corn", "Corn"), o("flour", "Flour")]),
  drink_size: required("size", "Size", [o("regular", "Regular"), o("large", "Large", 1)]),
  sushi_extras: extras("extra", "Extras", 3, [
    o("spicy_mayo", "Spicy mayo", 0.5),
    o("eel_sauce", "Eel sauce", 0.5),
    o("extra_ginger", "Extra ginger"),
    o("brown_rice", "Brown rice", 1),
  ]),
  ramen_addons: extras("addon", "Add-ons", 4, [
    o("egg", "Soft-boiled egg", 2),
    o("chashu", "Extra chashu", 4),
    o("corn", "Sweet corn", 1),
    o("noodles", "Extra noodles", 2.5),
    o("nori", "Nori", 1),
  ]),
  rice: required("rice", "Rice", [o("jasmine", "Jasmine rice"), o("brown", "Brown rice", 1), o("none", "No rice")]),
  spice: required("spice", "Spice level", [o("mild", "Mild"), o("medium", "Medium"), o("hot", "Hot"), o("extra_hot", "Extra hot")]),
  protein_asian: required("protein", "Protein", [o("tofu", "Tofu"), o("chicken", "Chicken"), o("beef", "Beef", 2), o("shrimp", "Shrimp", 3)]),
  doneness: required("doneness", "Cooked", [o("medium_rare", "Medium rare"), o("medium", "Medium"), o("well_done", "Well done")]),
  burger_addons: extras("addon", "Add-ons", 4, [
    o("bacon", "Applewood bacon", 2),
    o("cheddar", "Aged cheddar", 1),
    o("avocado", "Avocado", 2),
    o("egg", "Fried egg", 1.5),
    o("onions", "Caramelized onions", 1),
  ]),
  chicken_style: required("style", "Style", [o("crispy", "Crispy"), o("spicy", "Nashville hot"), o("grilled", "Grilled")]),
  fries_size: required("size", "Size", [o("regular", "Regular"), o("large", "Large", 1.5)]),
  dip: required("dip", "Dipping sauce", [o("ranch", "Ranch"), o("honey_mustard", "Honey mustard"), o("bbq", "BBQ"), o("buffalo", "Buffalo")]),
  shake: required("flavor", "Flavor", [
    o("vanilla", "Vanilla"),
    o("chocolate", "Chocolate"),
    o("strawberry", "Strawberry"),
    o("cookies", "Cookies & cream", 0.5),
  ]),
  plate_base: required("base", "Base", [o("rice", "Saffron rice"), o("salad", "Greek salad"), o("fries", "Fries")]),
  wrap_extras: extras("extra", "Extras", 3, [
    o("feta", "Feta", 1),
    o("hummus", "Hummus", 1),
    o("pickled_turnips", "Pickled turnips", 0.5),
    o("hot_sauce", "Hot sauce"),
  ]),
  kfc_sauce: required("sauce", "Glaze", [o("soy_garlic", "Soy garlic"), o("yangnyeom", "Sweet & spicy yangnyeom"), o("half_half", "Half & half")]),
  dumpling_style: required("style", "Style", [o("steamed", "Steamed"), o("fried", "Pan-fried")]),
  pho_size: required("size", "Size", [o("regular", "Regular"), o("large", "Large", 2)]),
  pho_extras: extras("extra", "Extras", 3, [o("brisket", "Extra brisket", 3), o("meatballs", "Beef meatballs", 2.5), o("noodles", "Extra noodles", 2)]),
  pancake_extras: extras("extra", "Extras", 3, [
    o("blueberries", "Blueberries", 1.5),
    o("choc_chips", "Chocolate chips", 1.5),
    o("bacon", "Side of bacon", 3.5),
    o("maple", "Real maple syrup", 2),
  ]),
  add_egg: extras("extra", "Extras", 2, [o("poached_egg", "Poached egg", 2), o("feta", "Feta", 1), o("chili_flakes", "Chili flakes")]),
  breakfast_protein: required("protein", "Filling", [o("bacon", "Bacon"), o("sausage", "Sausage"), o("chorizo", "Chorizo", 1), o("veggie", "Roasted veggies")]),
  egg_style: required("eggs", "Eggs", [o("scrambled", "Scrambled"), o("over_easy", "Over easy"), o("sunny", "Sunny side up"), o("poached", "Poached")]),
  breakfast_side: required("side", "Side", [o("hash_browns", "Hash browns"), o("fruit", "Fruit cup", 1), o("toast", "Sourdough toast")]),
  bagel: required("bagel", "Bagel", [o("plain", "Plain"), o("everything", "Everything"), o("sesame", "Sesame"), o("cinnamon_raisin", "Cinnamon raisin")]),
  milk: extras("milk", "Milk", 1, [o("oat", "Oat milk", 0.75), o("almond", "Almond milk", 0.75), o("whole", "Whole milk")]),
  bowl_base: required("base", "Base", [o("brown_rice", "Brown rice"), o("quinoa", "Quinoa", 1), o("greens", "Mixed greens")]),
  dressing: required("dressing", "Dressing", [o("lemon", "Lemon vinaigrette"), o("tahini", "Lemon tahini"), o("caesar", "Caesar"), o("balsamic", "Balsamic")]),
  boost: extras("boost", "Boosts", 2, [o("protein", "Whey protein", 1.5), o("chia", "Chia seeds", 1), o("spirulina", "Spirulina", 1.5)]),
} as const satisfies Record<string, GroupTemplate>;
type GroupKey = keyof typeof GROUPS;

/** name, menu category, base price, description, dietary tags, modifier groups */
export type DishTemplate = readonly [string, string, number, string, readonly Dietary[], readonly GroupKey[]];

export const MENUS: Record<Cuisine, { names: readonly string[]; dishes: readonly DishTemplate[] }> = {
  pizza: {
    names: ["Tony's Brick Oven", "Slice of Brooklyn", "Napoli Express", "Crust & Co.", "Pizzeria Luca", "The Dough Room"],
    dishes: [
      ["Margherita Pizza", "Pizzas", 13.5, "San Marzano tomato, fresh mozzarella, basil, olive oil", ["vegetarian"], ["pizza_size", "crust", "toppings"]],
      ["Pepperoni Pizza", "Pizzas", 15, "Cup-and-char pepperoni, mozzarella, oregano", [], ["pizza_size", "crust", "toppings"]],
      ["Veggie Supreme Pizza", "Pizzas", 16, "Peppers, red onion, mushrooms, olives, tomato", ["vegetarian"], ["pizza_size", "crust", "toppings"]],
      ["BBQ Chicken Pizza", "Pizzas", 17, "Smoked chicken, red onion, cilantro, BBQ sauce", [], ["pizza_size", "crust"]],
      ["Garlic Knots (6)", "Sides", 6.5, "Brushed with garlic butter and parmesan", ["vegetarian"], []],
      ["Buffalo Wings (10)", "Sides", 13, "Crispy wings tossed in your sauce, with celery", ["gluten_free"], ["wing_sauce"]],
      ["Caesar Salad", "Salads", 9.5, "Romaine, parmesan, croutons, house Caesar", [], ["add_protein"]],
      ["Cannoli", "Desserts", 5.5, "Crisp shell, sweet ricotta, chocolate chips", ["vegetarian"], []],
      ["Soda Can", "Drinks", 2.5, "12 oz can", ["vegan"], ["soda"]],
    ],
  },
  italian: {
    names: ["Trattoria Bella", "Osteria Verde", "Nonna's Table", "Via Roma", "Pasta Fresca", "Il Giardino"],
    dishes: [
      ["Spaghetti Carbonara", "Pasta", 18, "Guanciale, egg yolk, pecorino, black pepper", [], []],
      ["Penne alla Vodka", "Pasta", 17, "Tomato cream, vodka, chili, parmesan", ["vegetarian"], ["pasta_shape", "add_protein"]],
      ["Lasagna Bolognese", "Pasta", 19, "Slow-cooked beef ragù, béchamel, parmesan", [], []],
      ["Fettuccine Alfredo", "Pasta", 16, "Butter, cream and aged parmesan", ["vegetarian"], ["add_protein"]],
      ["Chicken Parmesan", "Mains", 21, "Breaded cutlet, marinara, mozzarella, side of spaghetti", [], []],
      ["Burrata & Heirloom Tomatoes", "Starters", 14, "Creamy burrata, basil, aged balsamic", ["vegetarian", "gluten_free"], []],
      ["Arancini (4)", "Starters", 11, "Fried risotto balls with mozzarella, marinara dip", ["vegetarian"], []],
      ["Garlic Bread", "Starters", 6, "Ciabatta, garlic butter, parsley", ["vegetarian"], []],
      ["Tiramisu", "Desserts", 8.5, "Espresso-soaked ladyfingers, mascarpone, cocoa", ["vegetarian"], []],
      ["San Pellegrino", "Drinks", 3.5, "Sparkling mineral water, 500 ml", ["vegan"], []],
    ],
  },
  mexican: {
    names: ["Casa Lupita", "El Farolito", "Taqueria La Paloma", "Burrito Brothers", "Cantina Verde", "Tacos El Güero"],
    dishes: [
      ["Burrito", "Burritos & Bowls", 11.5, "Flour tortilla, rice, beans, salsa, cheese", [], ["protein_mex", "salsa", "mex_extras"]],
      ["Burrito Bowl", "Burritos & Bowls", 11.5, "Rice, beans, lettuce, salsa and your protein", ["gluten_free"], ["protein_mex", "salsa", "mex_extras"]],
      ["Tacos (3)", "Tacos", 10.5, "Onion, cilantro, lime, salsa", [], ["protein_mex", "tortilla", "salsa"]],
      ["Quesadilla", "Burritos & Bowls", 10, "Melted Oaxaca cheese in a grilled flour tortilla", ["vegetarian"], ["mex_extras"]],
      ["Nachos", "Starters", 12, "Chips, queso, beans, pico, jalapeños", ["vegetarian", "spicy"], ["mex_extras"]],
      ["Chips & Guacamole", "Starters", 7, "House-made guacamole, warm tortilla chips", ["vegan", "gluten_free"], []],
      ["Elote", "Starters", 5, "Grilled corn, cotija, chili, lime crema", ["vegetarian", "gluten_free"], []],
      ["Churros", "Desserts", 5.5, "Cinnamon sugar, chocolate dipping sauce", ["vegetarian"], []],
      ["Horchata", "Drinks", 4, "Rice and cinnamon agua fresca", ["vegan"], ["drink_size"]],
      ["Mexican Coke", "Drinks", 3.5, "Glass bottle, cane sugar", ["vegan"], []],
    ],
  },
  japanese: {
    names: ["Sushi Kaze", "Umi Sushi Bar", "Ramen Hoshi", "Sakura Kitchen", "Tokyo Bento", "Kinari Izakaya"],
    dishes: [
      ["Salmon Nigiri (2)", "Sushi", 7, "Scottish salmon over seasoned rice", ["gluten_free"], []],
      ["Spicy Tuna Roll", "Sushi", 9, "Tuna, spicy mayo, cucumber, sesame", ["spicy"], ["sushi_extras"]],
      ["California Roll", "Sushi", 8, "Crab salad, avocado, cucumber", [], ["sushi_extras"]],
      ["Dragon Roll", "Sushi", 15, "Shrimp tempura, eel, avocado, eel sauce", [], ["sushi_extras"]],
      ["Tonkotsu Ramen", "Ramen", 16, "Rich pork broth, chashu, scallion, wood ear", [], ["ramen_addons"]],
      ["Vegetable Tempura", "Starters", 10, "Sweet potato, zucchini, shiitake, tentsuyu", ["vegetarian"], []],
      ["Chicken Teriyaki Bento", "Bento", 17, "Teriyaki chicken, salad, gyoza, rice", [], ["rice"]],
      ["Edamame", "Starters", 5, "Steamed, sea salt", ["vegan", "gluten_free"], []],
      ["Miso Soup", "Starters", 3.5, "Tofu, wakame, scallion", ["vegetarian"], []],
      ["Matcha Ice Cream", "Desserts", 5, "Two scoops", ["vegetarian", "gluten_free"], []],
    ],
  },
  chinese: {
    names: ["Golden Dragon", "Dim Sum Palace", "Sichuan House", "Jade Garden", "Wok & Roll", "Lucky Star Noodle"],
    dishes: [
      ["Kung Pao Chicken", "Mains", 15, "Peanuts, dried chili, Sichuan pepper", ["spicy"], ["spice", "rice"]],
      ["Mapo Tofu", "Mains", 13, "Silken tofu, chili bean sauce, Sichuan pepper", ["vegan", "spicy"], ["spice", "rice"]],
      ["Beef & Broccoli", "Mains", 16, "Flank steak, broccoli, oyster sauce", [], ["rice"]],
      ["Orange Chicken", "Mains", 14.5, "Crispy chicken, sweet orange glaze", [], ["rice"]],
      ["Pork Soup Dumplings (6)", "Dim Sum", 11, "Xiao long bao with black vinegar", [], []],
      ["Vegetable Lo Mein", "Noodles & Rice", 12, "Egg noodles, cabbage, carrot, scallion", ["vegetarian"], ["add_protein"]],
      ["Fried Rice", "Noodles & Rice", 11, "Wok-fried rice, egg, peas, scallion", [], ["protein_asian"]],
      ["Hot & Sour Soup", "Starters", 6, "Tofu, bamboo shoots, white pepper", ["spicy"], []],
      ["Scallion Pancake", "Starters", 6.5, "Flaky, with soy dipping sauce", ["vegetarian"], []],
      ["Egg Rolls (2)", "Starters", 5, "Pork and cabbage, sweet chili sauce", [], []],
    ],
  },
  thai: {
    names: ["Thai Orchid", "Bangkok Street", "Siam Spice", "Lemongrass Thai", "Baan Thai", "Chili & Lime"],
    dishes: [
      ["Pad Thai", "Noodles", 14, "Rice noodles, tamarind, peanuts, bean sprouts", [], ["protein_asian", "spice"]],
      ["Pad See Ew", "Noodles", 14, "Wide rice noodles, Chinese broccoli, sweet soy", [], ["protein_asian", "spice"]],
      ["Drunken Noodles", "Noodles", 14.5, "Wide noodles, holy basil, chili, garlic", ["spicy"], ["protein_asian", "spice"]],
      ["Green Curry", "Curries", 15, "Coconut green curry, bamboo, Thai basil", ["gluten_free", "spicy"], ["protein_asian", "spice", "rice"]],
      ["Massaman Curry", "Curries", 15.5, "Peanut curry, potato, onion", ["gluten_free"], ["protein_asian", "spice", "rice"]],
      ["Tom Yum Soup", "Soups & Salads", 8, "Lemongrass, galangal, lime, mushrooms", ["gluten_free", "spicy"], ["protein_asian"]],
      ["Papaya Salad", "Soups & Salads", 9, "Green papaya, lime, chili, peanuts", ["vegan", "spicy"], ["spice"]],
      ["Fresh Spring Rolls", "Starters", 7, "Rice paper, herbs, peanut sauce", ["vegan"], []],
      ["Mango Sticky Rice", "Desserts", 7.5, "Sweet coconut rice, ripe mango", ["vegan", "gluten_free"], []],
      ["Thai Iced Tea", "Drinks", 4.5, "Black tea, condensed milk", ["vegetarian"], ["drink_size"]],
    ],
  },
  indian: {
    names: ["Taj Mahal Kitchen", "Spice Route", "Bombay Bistro", "Masala House", "Curry Leaf", "Punjab Grill"],
    dishes: [
      ["Chicken Tikka Masala", "Curries", 17, "Tandoori chicken in spiced tomato cream", ["gluten_free"], ["spice", "rice"]],
      ["Butter Chicken", "Curries", 17.5, "Velvety tomato-butter sauce, fenugreek", ["gluten_free"], ["spice", "rice"]],
      ["Palak Paneer", "Curries", 15, "Spinach, cottage cheese, garlic, ginger", ["vegetarian", "gluten_free"], ["spice", "rice"]],
      ["Chana Masala", "Curries", 13.5, "Chickpeas, onion, tomato, garam masala", ["vegan", "gluten_free"], ["spice", "rice"]],
      ["Lamb Rogan Josh", "Curries", 19.5, "Kashmiri chili, slow-braised lamb", ["gluten_free", "spicy"], ["spice", "rice"]],
      ["Chicken Biryani", "Rice", 17, "Basmati, saffron, mint, raita", [], ["spice"]],
      ["Vegetable Samosas (2)", "Starters", 6, "Potato and pea, tamarind chutney", ["vegan"], []],
      ["Garlic Naan", "Breads", 4, "From the tandoor", ["vegetarian"], []],
      ["Mango Lassi", "Drinks", 5, "Yogurt, mango, cardamom", ["vegetarian", "gluten_free"], []],
      ["Gulab Jamun", "Desserts", 5, "Milk dumplings in rose syrup", ["vegetarian"], []],
    ],
  },
  burgers: {
    names: ["Smash Shack", "Patty Wagon", "The Burger Joint", "Five Star Burgers", "Route 66 Diner", "Grill Masters"],
    dishes: [
      ["Classic Cheeseburger", "Burgers", 12, "Quarter-pound patty, American cheese, pickles, special sauce", [], ["doneness", "burger_addons"]],
      ["Double Smash Burger", "Burgers", 14.5, "Two smashed patties, cheddar, grilled onions", [], ["doneness", "burger_addons"]],
      ["Impossible Burger", "Burgers", 14, "Plant-based patty, lettuce, tomato, vegan mayo", ["vegetarian"], ["burger_addons"]],
      ["Chicken Sandwich", "Burgers", 12.5, "Brioche bun, slaw, pickles", [], ["chicken_style", "burger_addons"]],
      ["Chicken Tenders (4)", "Sides", 10, "Hand-breaded, with a dip", [], ["dip"]],
      ["Fries", "Sides", 4.5, "Skin-on, sea salt", ["vegan", "gluten_free"], ["fries_size"]],
      ["Onion Rings", "Sides", 5.5, "Beer-battered", ["vegetarian"], []],
      ["Milkshake", "Drinks", 6.5, "Hand-spun, whipped cream", ["vegetarian", "gluten_free"], ["shake"]],
      ["Fountain Soda", "Drinks", 2.75, "Free refills in store", ["vegan"], ["drink_size"]],
    ],
  },
  mediterranean: {
    names: ["Olive & Fig", "Aegean Grill", "Pita Pit Stop", "Zaytoon", "Santorini Kitchen", "Cedar Mezze"],
    dishes: [
      ["Chicken Shawarma Plate", "Plates", 16, "Marinated chicken, garlic toum, pickles, pita", [], ["plate_base"]],
      ["Beef Kofta Plate", "Plates", 17, "Grilled spiced beef, tahini, tomato, pita", [], ["plate_base"]],
      ["Falafel Wrap", "Wraps", 11, "Falafel, hummus, tomato, cucumber, tahini", ["vegan"], ["wrap_extras"]],
      ["Lamb Gyro", "Wraps", 13.5, "Shaved lamb, tzatziki, red onion, tomato", [], ["wrap_extras"]],
      ["Hummus & Pita", "Mezze", 7.5, "Chickpea purée, olive oil, warm pita", ["vegan"], []],
      ["Greek Salad", "Mezze", 11, "Tomato, cucumber, olives, feta, oregano", ["vegetarian", "gluten_free"], ["add_protein"]],
      ["Tabbouleh", "Mezze", 7, "Parsley, bulgur, tomato, lemon", ["vegan"], []],
      ["Spanakopita", "Mezze", 7, "Spinach and feta in phyllo", ["vegetarian"], []],
      ["Baklava", "Desserts", 5, "Walnuts, honey, phyllo", ["vegetarian"], []],
      ["Mint Lemonade", "Drinks", 4.5, "Fresh lemon, mint", ["vegan"], []],
    ],
  },
  korean: {
    names: ["Seoul Kitchen", "Gangnam Grill", "Bibim Bowl", "K-Town Chicken", "Hanok House", "Kimchi Garden"],
    dishes: [
      ["Beef Bibimbap", "Rice Bowls", 16, "Bulgogi, seasoned vegetables, fried egg, gochujang", [], ["spice"]],
      ["Bulgogi Plate", "Rice Bowls", 18, "Soy-marinated ribeye, onion, sesame", [], ["rice"]],
      ["Kimchi Fried Rice", "Rice Bowls", 13, "Aged kimchi, pork belly, fried egg", ["spicy"], []],
      ["Korean Fried Chicken (8)", "Chicken", 18, "Double-fried wings and drumettes", [], ["kfc_sauce"]],
      ["Japchae", "Noodles", 14, "Sweet potato glass noodles, vegetables", [], ["protein_asian"]],
      ["Tteokbokki", "Street Food", 12, "Rice cakes in spicy gochujang sauce", ["vegetarian", "spicy"], []],
      ["Kimchi Pancake", "Street Food", 11, "Crispy kimchi and scallion pancake", ["vegetarian"], []],
      ["Mandu (6)", "Street Food", 9, "Pork and vegetable dumplings", [], ["dumpling_style"]],
      ["Hotteok", "Desserts", 6, "Sweet pancake with brown sugar and nuts", ["vegetarian"], []],
      ["Yuzu Soda", "Drinks", 4, "Sparkling citron", ["vegan"], []],
    ],
  },
  vietnamese: {
    names: ["Pho Saigon", "Little Hanoi", "Banh Mi Co", "Lotus Pho", "Mekong Kitchen", "Pho 88"],
    dishes: [
      ["Pho Tai", "Pho", 14.5, "Rare beef, rice noodles, 12-hour broth", ["gluten_free"], ["pho_size", "pho_extras"]],
      ["Chicken Pho", "Pho", 14, "Poached chicken, rice noodles, ginger broth", ["gluten_free"], ["pho_size", "pho_extras"]],
      ["Banh Mi Thit", "Banh Mi", 10, "Grilled pork, pâté, pickled carrot, cilantro", [], ["spice"]],
      ["Tofu Banh Mi", "Banh Mi", 9.5, "Lemongrass tofu, pickles, jalapeño", ["vegetarian"], ["spice"]],
      ["Bun Cha", "Rice & Noodles", 15, "Grilled pork patties, vermicelli, herbs, fish sauce", [], []],
      ["Vermicelli Bowl", "Rice & Noodles", 14, "Vermicelli, herbs, peanuts, nuoc cham", [], ["protein_asian"]],
      ["Broken Rice Plate", "Rice & Noodles", 15.5, "Pork chop, egg meatloaf, broken rice", [], []],
      ["Fresh Spring Rolls", "Starters", 7, "Shrimp, herbs, peanut sauce", ["gluten_free"], []],
      ["Vietnamese Iced Coffee", "Drinks", 5, "Dark roast, condensed milk", ["vegetarian"], ["drink_size"]],
      ["Che Ba Mau", "Desserts", 6, "Three-color bean dessert, coconut milk", ["vegan"], []],
    ],
  },
  breakfast: {
    names: ["Sunny Side Cafe", "The Morning Table", "Early Bird Diner", "Griddle & Co.", "Bagel Bar", "Café Amélie"],
    dishes: [
      ["Buttermilk Pancakes", "Breakfast", 11, "Three fluffy pancakes, whipped butter", ["vegetarian"], ["pancake_extras"]],
      ["Avocado Toast", "Breakfast", 12, "Sourdough, smashed avocado, lemon, chili", ["vegan"], ["add_egg"]],
      ["Breakfast Burrito", "Breakfast", 12.5, "Scrambled eggs, potatoes, cheese, salsa", [], ["breakfast_protein"]],
      ["Two Eggs Any Style", "Breakfast", 11, "With your side", ["vegetarian", "gluten_free"], ["egg_style", "breakfast_side"]],
      ["Eggs Benedict", "Breakfast", 15, "Canadian bacon, hollandaise, English muffin", [], ["breakfast_side"]],
      ["Bagel & Cream Cheese", "Bakery", 5.5, "Toasted, whipped cream cheese", ["vegetarian"], ["bagel"]],
      ["Blueberry Muffin", "Bakery", 4, "Baked this morning", ["vegetarian"], []],
      ["Acai Bowl", "Breakfast", 11.5, "Acai, banana, granola, berries, honey", ["vegetarian", "gluten_free"], []],
      ["Latte", "Coffee & Juice", 5, "Double shot", ["vegetarian", "gluten_free"], ["drink_size", "milk"]],
      ["Fresh Orange Juice", "Coffee & Juice", 5.5, "Squeezed to order", ["vegan", "gluten_free"], ["drink_size"]],
    ],
  },
  healthy: {
    names: ["Green Bowl", "Sweetleaf Salads", "Fuel Kitchen", "Harvest Table", "Root & Grain", "The Salad Lab"],
    dishes: [
      [
        "Harvest Bowl",
        "Bowls",
        14,
        "Roasted sweet potato, apple, goat cheese, almonds",
        ["vegetarian", "gluten_free"],
        ["bowl_base", "dressing", "add_protein"],
      ],
      ["Chicken Pesto Bowl", "Bowls", 15, "Grilled chicken, pesto, tomatoes, mozzarella", ["gluten_free"], ["bowl_base"]],
      ["Tofu Power Bowl", "Bowls", 13.5, "Sesame tofu, edamame, cabbage, avocado", ["vegan", "gluten_free"], ["bowl_base", "dressing"]],
      ["Kale Caesar", "Salads", 12.5, "Kale, parmesan, breadcrumbs", ["vegetarian"], ["dressing", "add_protein"]],
      ["Cobb Salad", "Salads", 14, "Chicken, bacon, egg, avocado, blue cheese", ["gluten_free"], ["dressing"]],
      ["Quinoa Salad", "Salads", 11, "Quinoa, cucumber, herbs, chickpeas", ["vegan", "gluten_free"], []],
      ["Lentil Soup", "Soups", 7, "Red lentils, cumin, lemon", ["vegan", "gluten_free"], []],
      ["Green Smoothie", "Smoothies", 8, "Spinach, banana, mango, almond milk", ["vegan", "gluten_free"], ["boost"]],
      ["Peanut Protein Smoothie", "Smoothies", 9, "Peanut butter, banana, oat milk, cacao", ["vegetarian"], ["boost"]],
      ["Energy Bites (3)", "Snacks", 5, "Dates, oats, cacao, coconut", ["vegan"], []],
    ],
  },
};
