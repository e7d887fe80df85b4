// The media library's figure in the rich-text editor. A figure is a library image
// chosen in a dialog (search, pick, size); the body stores only
// <figure data-image="123" data-size="wide"></figure>, and the page renders the
// image, its caption and credit from the library when the article is saved.
import { crel, Node } from "django-prose-editor/editor"

const label = (options, key) => (options.labels && options.labels[key]) || key

const sizeLabel = (options, size) => {
  const found = (options.sizes || []).find(([value]) => value === size)
  return found ? found[1] : size
}

const search = (options, params) =>
  fetch(`${options.chooseUrl}?${new URLSearchParams(params)}`, {
    credentials: "same-origin",
    headers: { Accept: "application/json" },
  })
    .then((response) => (response.ok ? response.json() : { results: [] }))
    .then((data) => data.results || [])
    .catch(() => [])

const openChooser = (editor, options) => {
  let chosen = null
  const input = crel("input", {
    type: "search",
    name: "q",
    className: "library-chooser__search",
    autocomplete: "off",
  })
  input.setAttribute("aria-label", label(options, "search"))
  input.placeholder = label(options, "search")
  const results = crel("div", { className: "library-chooser__results" })
  results.setAttribute("role", "listbox")
  const size = crel(
    "select",
    { name: "size", className: "library-chooser__size" },
    (options.sizes || []).map(([value, text]) =>
      crel("option", { value, textContent: text }),
    ),
  )
  const status = crel("p", { className: "library-chooser__status" })
  status.setAttribute("aria-live", "polite")
  const submit = crel("button", {
    type: "submit",
    textContent: label(options, "submit"),
  })
  const cancel = crel("button", {
    type: "button",
    textContent: label(options, "cancel"),
  })
  const sizeField = crel("label", { className: "library-chooser__label" }, [
    document.createTextNode(label(options, "size")),
    size,
  ])
  const form = crel("form", {}, [
    crel("h3", {
      className: "prose-editor-dialog-title",
      textContent: label(options, "title"),
    }),
    input,
    results,
    status,
    sizeField,
    crel("div", { className: "prose-editor-dialog-buttons" }, [submit, cancel]),
  ])
  const dialog = crel("dialog", { className: "prose-editor-dialog library-chooser" }, [
    form,
  ])
  const wrapper = crel("div", {}, [dialog])
  editor.view.dom.parentElement.append(wrapper)

  const show = (items) => {
    results.textContent = ""
    status.textContent = items.length ? "" : label(options, "none")
    for (const item of items) {
      const button = crel("button", {
        type: "button",
        className: "library-chooser__item",
      })
      button.dataset.image = String(item.id)
      button.setAttribute("role", "option")
      button.setAttribute("aria-selected", "false")
      if (item.thumbnail) {
        const img = crel("img", { src: item.thumbnail, alt: "" })
        img.width = 96
        button.append(img)
      }
      button.append(crel("span", { textContent: item.label }))
      button.addEventListener("click", () => {
        chosen = item.id
        for (const other of results.children) {
          other.setAttribute("aria-selected", String(other === button))
        }
        status.textContent = ""
      })
      results.append(button)
    }
  }

  let timer = null
  let asked = 0
  const ask = () => {
    const mine = ++asked
    search(options, { q: input.value.trim() }).then((items) => {
      if (mine === asked) show(items)
    })
  }
  input.addEventListener("input", () => {
    clearTimeout(timer)
    timer = setTimeout(ask, 250)
  })
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault()
      clearTimeout(timer)
      ask()
    }
  })
  cancel.addEventListener("click", () => dialog.close())
  dialog.addEventListener("close", () => wrapper.remove())
  form.addEventListener("submit", (event) => {
    event.preventDefault()
    if (chosen === null) {
      status.textContent = label(options, "choose")
      return
    }
    dialog.close()
    editor
      .chain()
      .focus()
      .insertContent({
        type: "libraryFigure",
        attrs: { image: String(chosen), size: size.value },
      })
      .run()
  })
  dialog.showModal()
  ask()
}

export const LibraryFigure = Node.create({
  name: "libraryFigure",
  group: "block",
  atom: true,
  draggable: true,
  selectable: true,

  addOptions() {
    return { chooseUrl: "", sizes: [], labels: {} }
  },

  addAttributes() {
    return {
      image: {
        default: null,
        parseHTML: (element) => element.getAttribute("data-image"),
        renderHTML: (attributes) => ({ "data-image": attributes.image }),
      },
      size: {
        default: "full",
        parseHTML: (element) => element.getAttribute("data-size") || "full",
        renderHTML: (attributes) => ({ "data-size": attributes.size }),
      },
    }
  },

  parseHTML() {
    return [{ tag: "figure[data-image]", priority: 100 }]
  },

  renderHTML({ HTMLAttributes }) {
    return ["figure", HTMLAttributes]
  },

  addNodeView() {
    const options = this.options
    return ({ node }) => {
      const dom = document.createElement("figure")
      dom.className = `library-figure library-figure--${node.attrs.size}`
      dom.contentEditable = "false"
      dom.dataset.image = node.attrs.image
      const img = document.createElement("img")
      img.alt = ""
      const caption = document.createElement("figcaption")
      const where = sizeLabel(options, node.attrs.size)
      caption.textContent = `#${node.attrs.image} · ${where}`
      dom.append(img, caption)
      search(options, { id: node.attrs.image }).then(([item]) => {
        if (!item) {
          caption.textContent = `#${node.attrs.image} · ${label(options, "missing")}`
          return
        }
        if (item.thumbnail) img.src = item.thumbnail
        caption.textContent = `${item.label} · ${where}`
      })
      return { dom }
    }
  },

  addCommands() {
    return {
      insertLibraryFigure:
        () =>
        ({ editor }) => {
          openChooser(editor, this.options)
          return true
        },
    }
  },

  addMenuItems({ buttons, menu }) {
    menu.defineItem({
      name: "libraryFigure",
      groups: "nodes",
      button: buttons.material(
        "add_photo_alternate",
        label(this.options, "insert"),
      ),
      command: (editor) => editor.commands.insertLibraryFigure(),
    })
  },
})
